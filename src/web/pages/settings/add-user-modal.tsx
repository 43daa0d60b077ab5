import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { usersKey } from '../../app/queries.js';
import { ROLES, type Role, type User } from '../../app/types.js';

type UserForm = { name: string; email: string; role: Role; password: string };

export function AddUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UserForm>();
  const create = useMutation({
    mutationFn: (v: UserForm) => api<User>('/users', { method: 'POST', body: { ...v, name: v.name.trim() } }),
    onSuccess: (u) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(t('users.created', { name: u.name }));
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('users.add')}
      okText={t('common:actions.add')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<UserForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'agent' }}
        onFinish={(v) => create.mutate(v)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('users.fields.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('validation.required', { field: t('users.fields.name') }),
            },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.fields.email')}
          rules={[
            { required: true, message: t('validation.required', { field: t('users.fields.email') }) },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.fields.password')}
          extra={t('users.fields.passwordHint')}
          rules={[
            { required: true, message: t('validation.required', { field: t('users.fields.password') }) },
            { min: 10, message: t('validation.password') },
          ]}
        >
          <Input.Password maxLength={200} autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
