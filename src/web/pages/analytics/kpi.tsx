import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { ReactNode } from 'react';

export type Kpi = { key: string; title: ReactNode; value: ReactNode; hint?: string; danger?: boolean };

/** The headline figures of a tab, one card each. */
export function KpiRow({ items, loading }: { items: Kpi[]; loading: boolean }) {
  return (
    <Row gutter={[12, 12]}>
      {items.map((k) => (
        <Col key={k.key} xs={12} md={8} xl={24 / Math.min(items.length, 6)}>
          <Card size="small" loading={loading} data-testid={`kpi-${k.key}`}>
            <Statistic
              title={k.hint ? <Tooltip title={k.hint}>{k.title} ⓘ</Tooltip> : k.title}
              value={k.value as string}
              styles={{ content: { fontSize: 22, color: k.danger ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
