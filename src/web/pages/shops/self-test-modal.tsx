import {
  CheckCircleFilled,
  CloseCircleFilled,
  MinusCircleOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Flex, List, Modal, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { type DeliveryCategory, formatDeliveryError } from '../../../channels/delivery-error.js';
import { explainDeliveryFailure } from '../../../channels/delivery-reasons.js';
import { api } from '../../app/api.js';
import { useDeliveryLocale } from '../channels/delivery-note.js';

type Check = 'ok' | 'failed' | 'missing' | 'unknown';
type Scope = 'credentials' | 'after_sales' | 'chat';

/** POST /shops/:id/self-test as the console reads it. */
export type SelfTestReport = {
  shopId: string;
  platform: string;
  ranAt: string;
  ok: boolean;
  keys: Check;
  token: Check;
  signing: Check;
  permissions: { scope: Scope; call: string; state: 'granted' | 'missing' | 'unknown' }[];
  problems: { scope: Scope; call: string; category: DeliveryCategory; detail: string }[];
};

const runSelfTest = (shopId: string) => api<SelfTestReport>(`/shops/${shopId}/self-test`, { method: 'POST' });

const CHECK_ICON: Record<Check, React.ReactNode> = {
  ok: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  failed: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  missing: <MinusCircleOutlined style={{ color: '#faad14' }} />,
  unknown: <QuestionCircleOutlined style={{ color: '#8c8c8c' }} />,
};
const PERMISSION_COLOR = { granted: 'green', missing: 'red', unknown: 'default' } as const;

/**
 * The connection self-test of one shop: runs when opened, then says in the merchant's language
 * whether the keys, the token and the signing work, which permissions are missing and what to do.
 */
export function SelfTestModal({
  shop,
  onClose,
}: {
  shop: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('shops');
  const locale = useDeliveryLocale();
  const test = useMutation({ mutationFn: runSelfTest });
  const { mutate, reset } = test;

  useEffect(() => {
    if (shop) mutate(shop.id);
    else reset();
  }, [shop, mutate, reset]);

  const report = test.data;
  const problems = report
    ? [...new Map(report.problems.map((p) => [`${p.category}|${p.detail}`, p] as const)).values()]
    : [];

  return (
    <Modal
      open={shop !== null}
      title={shop ? t('selfTest.title', { name: shop.name }) : ''}
      onCancel={onClose}
      width={640}
      destroyOnHidden
      footer={[
        <Button
          key="again"
          onClick={() => shop && mutate(shop.id)}
          loading={test.isPending}
          data-testid="self-test-again"
        >
          {t('selfTest.again')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('common:actions.close')}
        </Button>,
      ]}
    >
      <Flex vertical gap={16} data-testid="self-test-result">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('selfTest.harmless')}
        </Typography.Text>
        {test.isPending && (
          <Flex vertical gap={8}>
            <Typography.Text>{t('selfTest.running')}</Typography.Text>
            <Skeleton active paragraph={{ rows: 4 }} />
          </Flex>
        )}
        {test.isError && <Alert type="error" showIcon message={(test.error as Error).message} />}
        {report && !test.isPending && (
          <>
            <Alert
              type={report.ok ? 'success' : 'warning'}
              showIcon
              message={report.ok ? t('selfTest.passed') : t('selfTest.failed')}
              description={t('selfTest.ranAt', { time: dayjs(report.ranAt).format('YYYY-MM-DD HH:mm:ss') })}
              data-testid={report.ok ? 'self-test-passed' : 'self-test-failed'}
            />
            <Descriptions column={1} size="small" bordered>
              {(['keys', 'token', 'signing'] as const).map((k) => (
                <Descriptions.Item key={k} label={t(`selfTest.checks.${k}`)}>
                  <Flex gap={6} align="center" data-testid={`self-test-${k}`} data-state={report[k]}>
                    {CHECK_ICON[report[k]]}
                    {t(`selfTest.state.${report[k]}`)}
                  </Flex>
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('selfTest.permissions')}>
                {report.permissions.length === 0 ? (
                  <Typography.Text type="secondary">{t('selfTest.noPermissions')}</Typography.Text>
                ) : (
                  <Flex vertical gap={4}>
                    {report.permissions.map((p) => (
                      <Flex key={p.call} gap={8} align="center" wrap>
                        <Tag
                          color={PERMISSION_COLOR[p.state]}
                          data-testid={`self-test-permission-${p.scope}`}
                          data-state={p.state}
                        >
                          {t(`selfTest.scope.${p.scope}`)} · {t(`selfTest.permission.${p.state}`)}
                        </Tag>
                        <Typography.Text code style={{ fontSize: 12 }}>
                          {p.call}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Descriptions.Item>
            </Descriptions>
            {problems.length > 0 && (
              <List
                header={<Typography.Text strong>{t('selfTest.problems')}</Typography.Text>}
                size="small"
                bordered
                dataSource={problems}
                renderItem={(p) => {
                  const why = explainDeliveryFailure(formatDeliveryError(p.category, p.detail), locale);
                  return (
                    <List.Item data-testid="self-test-problem" data-category={p.category}>
                      <Flex vertical gap={2}>
                        <Typography.Text type="danger" strong>
                          {why?.title}
                        </Typography.Text>
                        <Typography.Text>{why?.advice}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('selfTest.platformSaid', { detail: `${p.call} · ${p.detail}` })}
                        </Typography.Text>
                      </Flex>
                    </List.Item>
                  );
                }}
              />
            )}
          </>
        )}
      </Flex>
    </Modal>
  );
}
