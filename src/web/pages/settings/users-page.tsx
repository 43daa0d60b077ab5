import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Badge, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.js';
import { useAuth } from '../../app/auth.js';
import { usersKey, useUsers } from '../../app/queries.js';
import { ROLES, type Role, type User } from '../../app/types.js';
import { AddUserModal } from './add-user-modal.js';

export default function UsersPage() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const { me } = useAuth();
  const users = useUsers();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);

  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: Role; disabled?: boolean }) =>
      api<User>(`/users/${id}`, { method: 'PATCH', body }),
    onSuccess: (u, vars) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(
        vars.role
          ? t('users.roleChanged', { name: u.name, role: t(`common:role.${u.role}`) })
          : t('users.saved'),
      );
    },
  });

  const endSessions = useMutation({
    mutationFn: (u: User) => api<{ revoked: number }>(`/users/${u.id}/sessions`, { method: 'DELETE' }),
    onSuccess: (r, u) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      void message.success(t('users.sessionsEnded', { name: u.name, count: r.revoked }));
    },
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('users.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('users.subtitle')}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('users.add')}
        </Button>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<User>
          rowKey="id"
          loading={users.isPending}
          dataSource={users.data}
          pagination={false}
          scroll={{ x: 760 }}
          columns={[
            {
              key: 'name',
              title: t('users.columns.name'),
              render: (_, u) => (
                <Flex align="center" gap={10}>
                  <Avatar size={28} style={{ background: u.disabled ? '#bfbfbf' : '#1668dc' }}>
                    {u.name.slice(0, 1).toUpperCase()}
                  </Avatar>
                  <Typography.Text>{u.name}</Typography.Text>
                  {u.id === me?.user?.id && <Tag>{t('users.you')}</Tag>}
                </Flex>
              ),
            },
            { key: 'email', title: t('users.columns.email'), dataIndex: 'email' },
            {
              key: 'role',
              title: t('users.columns.role'),
              width: 150,
              render: (_, u) => (
                <Select<Role>
                  size="small"
                  style={{ width: 120 }}
                  value={u.role}
                  disabled={u.id === me?.user?.id}
                  onChange={(role) => update.mutate({ id: u.id, role })}
                  options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
                />
              ),
            },
            {
              key: 'status',
              title: t('users.columns.status'),
              width: 110,
              render: (_, u) => (
                <Badge
                  status={u.disabled ? 'default' : 'success'}
                  text={u.disabled ? t('users.disabled') : t('users.active')}
                />
              ),
            },
            {
              key: 'sessions',
              title: t('users.columns.sessions'),
              width: 190,
              render: (_, u) =>
                typeof u.activeSessions !== 'number' ? null : (
                  <Flex align="center" gap={4}>
                    <Typography.Text type={u.activeSessions ? undefined : 'secondary'}>
                      {t('users.sessionCount', { count: u.activeSessions })}
                    </Typography.Text>
                    {u.activeSessions > 0 && u.id !== me?.user?.id && (
                      <Popconfirm
                        title={t('users.endSessionsConfirm', { name: u.name })}
                        onConfirm={() => endSessions.mutate(u)}
                      >
                        <Button type="link" size="small">
                          {t('users.endSessions')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Flex>
                ),
            },
            {
              key: 'actions',
              title: t('users.columns.actions'),
              width: 100,
              render: (_, u) =>
                u.id === me?.user?.id ? null : u.disabled ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => update.mutate({ id: u.id, disabled: false })}
                  >
                    {t('users.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('users.disableConfirm', { name: u.name })}
                    onConfirm={() => update.mutate({ id: u.id, disabled: true })}
                  >
                    <Button type="link" size="small" danger>
                      {t('users.disable')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <AddUserModal open={adding} onClose={() => setAdding(false)} />
    </Flex>
  );
}
