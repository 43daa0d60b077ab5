// The aspects of a case (物流 差评, 质量 好评…), each with its polarity and the words behind it.
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AspectMention } from '../../../triage/aspects.js';

const COLOR = { negative: 'red', positive: 'green', neutral: 'default' } as const;

export function AspectTags({ aspects }: { aspects: AspectMention[] }) {
  const { t } = useTranslation('triage');
  if (!aspects.length) return null;
  return (
    <Flex wrap gap={4} align="center" data-testid="triage-aspects">
      <Tooltip title={t('aspect.hint')}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('aspect.title')}：
        </Typography.Text>
      </Tooltip>
      {aspects.map((a) => (
        <Tooltip key={a.aspect} title={a.terms.join('、')}>
          <Tag color={COLOR[a.polarity]}>
            {t(`aspect.${a.aspect}`)} · {t(`aspect.${a.polarity}`)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
