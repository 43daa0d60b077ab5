import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../app/layout.js';

/** The centred card both sign-up and login use. */
export function AuthFrame({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        padding: 24,
        background: 'linear-gradient(160deg, #eaf2ff 0%, #f6f8fb 45%, #f4f6f9 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Flex align="center" gap={10} style={{ marginBottom: 20 }}>
        <svg width="36" height="36" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" fill="#1668dc" />
          <path
            d="M9 17l5 5 9-11"
            stroke="#fff"
            strokeWidth="3.2"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <Flex vertical>
          <Typography.Text strong style={{ fontSize: 20, lineHeight: 1.2 }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('app.tagline')}
          </Typography.Text>
        </Flex>
      </Flex>
      <Card
        style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 24px rgba(22, 104, 220, 0.08)' }}
        styles={{ body: { padding: 32 } }}
      >
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          {subtitle}
        </Typography.Paragraph>
        {children}
      </Card>
      <div style={{ marginTop: 16 }}>{footer}</div>
    </Flex>
  );
}
