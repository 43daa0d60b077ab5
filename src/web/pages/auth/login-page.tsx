import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/error-bridge.js';
import type { Me } from '../../app/types.js';
import { AuthFrame } from './auth-frame.js';

type LoginForm = { email: string; password: string };

export default function LoginPage() {
  const { t } = useTranslation('auth');
  const { status, refresh } = useAuth();
  const errorText = useErrorText();
  const login = useMutation({
    mutationFn: (body: LoginForm) => api<Me>('/auth/login', { method: 'POST', body, silent: true }),
    onSuccess: () => refresh(),
  });
  const failure =
    login.error instanceof ApiError && login.error.status === 401
      ? t('login.failed')
      : login.error
        ? errorText(login.error)
        : null;

  return (
    <AuthFrame
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={
        status?.signupAllowed ? (
          <Typography.Text type="secondary">
            {t('login.noAccount')} <Link to="/signup">{t('login.toSignup')}</Link>
          </Typography.Text>
        ) : null
      }
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(v) => login.mutate(v)} size="large">
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[
            { required: true, message: t('validation.required', { field: t('login.email') }) },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('validation.required', { field: t('login.password') }) }]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
