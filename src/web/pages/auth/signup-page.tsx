import { LockOutlined, MailOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { useErrorText } from '../../app/error-bridge.js';
import type { Me } from '../../app/types.js';
import { AuthFrame } from './auth-frame.js';

type SignupForm = { tenantName: string; name?: string; email: string; password: string };

export default function SignupPage() {
  const { t } = useTranslation('auth');
  const { status, refresh } = useAuth();
  const errorText = useErrorText();
  const signup = useMutation({
    mutationFn: (body: SignupForm) =>
      api<Me>('/auth/signup', {
        method: 'POST',
        body: { ...body, name: body.name || undefined },
        silent: true,
      }),
    onSuccess: () => refresh(),
  });
  if (status && !status.signupAllowed) return <Navigate to="/login" replace />;

  return (
    <AuthFrame
      title={t('signup.title')}
      subtitle={t('signup.subtitle')}
      footer={
        <Typography.Text type="secondary">
          {t('signup.haveAccount')} <Link to="/login">{t('signup.toLogin')}</Link>
        </Typography.Text>
      }
    >
      {signup.error && (
        <Alert type="error" showIcon title={errorText(signup.error)} style={{ marginBottom: 16 }} />
      )}
      <Form<SignupForm>
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => signup.mutate(v)}
        size="large"
      >
        <Form.Item
          name="tenantName"
          label={t('signup.tenantName')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('signup.tenantName') }),
            },
          ]}
        >
          <Input
            prefix={<ShopOutlined />}
            placeholder={t('signup.tenantNamePlaceholder')}
            maxLength={100}
            autoFocus
          />
        </Form.Item>
        <Form.Item name="name" label={t('signup.name')}>
          <Input prefix={<UserOutlined />} maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('signup.email')}
          rules={[
            { required: true, message: t('validation.required', { field: t('signup.email') }) },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="email" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('signup.password')}
          extra={t('signup.passwordHint')}
          rules={[
            { required: true, message: t('validation.required', { field: t('signup.password') }) },
            { min: 10, message: t('validation.password') },
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signup.isPending}>
          {t('signup.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
