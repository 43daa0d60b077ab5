import { ClearOutlined, SearchOutlined, SwapOutlined, TagOutlined } from '@ant-design/icons';
import { Button, Flex, Input, type InputRef, Select, Tooltip } from 'antd';
import { memo, type ReactNode, type Ref, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShops, useUsers } from '../../app/queries.js';
import { tagLabel, tagValue } from '../../app/tag-label.js';
import {
  COMPLAINT_CATEGORIES,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from '../../app/types.js';
import { exclusiveOpen, type InboxFilters, SORTS, type Sort } from './inbox-filters.js';

/** The sort order, shown next to the page title. */
export function SortSelect({ value, onChange }: { value: Sort; onChange: (sort: Sort) => void }) {
  const { t } = useTranslation('inbox');
  return (
    <Select<Sort>
      style={{ width: 150 }}
      value={value}
      onChange={onChange}
      prefix={<SwapOutlined rotate={90} style={{ color: '#8c8c8c' }} />}
      options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
      aria-label={t('sort.label')}
      data-testid="inbox-sort"
    />
  );
}

type Props = {
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  onReset: () => void;
  isFiltered: boolean;
  tagInputRef: Ref<InputRef>;
};

const multi = { mode: 'multiple' as const, allowClear: true, maxTagCount: 'responsive' as const };

export const FilterBar = memo(function FilterBar({
  filters,
  onChange,
  onReset,
  isFiltered,
  tagInputRef,
}: Props) {
  const { t, i18n } = useTranslation('inbox');
  const shops = useShops();
  const users = useUsers();

  const enumOptions = (ns: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`common:${ns}.${value}`) }));

  return (
    <Flex wrap gap={8} align="center" data-testid="inbox-filters">
      <Select
        {...multi}
        style={{ width: 176 }}
        placeholder={t('filters.allStatuses')}
        value={filters.status}
        onChange={(status: string[]) => onChange({ status: exclusiveOpen(filters.status, status) })}
        options={[
          { value: 'open', label: t('common:status.open') },
          ...enumOptions('status', TICKET_STATUSES),
        ]}
        aria-label={t('filters.status')}
        data-testid="filter-status"
      />
      <Select
        {...multi}
        style={{ width: 124 }}
        placeholder={t('filters.kind')}
        value={filters.kind}
        onChange={(kind) => onChange({ kind })}
        options={enumOptions('kind', TICKET_KINDS)}
        aria-label={t('filters.kind')}
      />
      <Select
        {...multi}
        style={{ width: 124 }}
        placeholder={t('filters.channel')}
        value={filters.channel}
        onChange={(channel) => onChange({ channel })}
        options={enumOptions('channel', TICKET_CHANNELS)}
        aria-label={t('filters.channel')}
      />
      <Select
        {...multi}
        style={{ width: 150 }}
        placeholder={t('filters.shop')}
        value={filters.shopId}
        loading={shops.isPending}
        onChange={(shopId) => onChange({ shopId })}
        options={(shops.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        optionFilterProp="label"
        aria-label={t('filters.shop')}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 120 }}
        placeholder={t('filters.assignee')}
        value={filters.assigneeId}
        loading={users.isPending}
        onChange={(assigneeId) => onChange({ assigneeId })}
        options={[
          { value: 'me', label: t('common:states.me') },
          { value: 'none', label: t('common:states.unassigned') },
          ...(users.data ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.id, label: u.name })),
        ]}
        aria-label={t('filters.assignee')}
      />
      <Select
        {...multi}
        style={{ width: 116 }}
        placeholder={t('filters.severity')}
        value={filters.severity}
        onChange={(severity) => onChange({ severity })}
        options={enumOptions('severity', SEVERITIES)}
        aria-label={t('filters.severity')}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 132 }}
        placeholder={t('filters.category')}
        value={filters.category}
        onChange={(category?: string) => onChange({ category })}
        options={enumOptions('category', COMPLAINT_CATEGORIES)}
        aria-label={t('filters.category')}
        data-testid="filter-category"
      />
      <CommitInput
        inputRef={tagInputRef}
        icon={<TagOutlined style={{ color: '#8c8c8c' }} />}
        width={190}
        maxLength={40}
        value={filters.tag && tagLabel(filters.tag, i18n.language)}
        onCommit={(tag) => onChange({ tag: tag && tagValue(tag) })}
        placeholder={t('filters.tagPlaceholder')}
        label={t('filters.tag')}
        testId="filter-tag"
      />
      <CommitInput
        icon={<SearchOutlined style={{ color: '#8c8c8c' }} />}
        width={220}
        maxLength={100}
        value={filters.q}
        onCommit={(q) => onChange({ q })}
        placeholder={t('filters.textPlaceholder')}
        label={t('filters.text')}
        testId="filter-text"
      />
      {isFiltered && (
        <Tooltip title={t('filters.reset')}>
          <Button type="text" icon={<ClearOutlined />} onClick={onReset} aria-label={t('filters.reset')} />
        </Tooltip>
      )}
    </Flex>
  );
});

/** A text filter applied on Enter or when it loses focus (not on every key), cleared at once. */
function CommitInput(props: {
  inputRef?: Ref<InputRef>;
  icon: ReactNode;
  width: number;
  maxLength: number;
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  placeholder: string;
  label: string;
  testId: string;
}) {
  const [draft, setDraft] = useState(props.value ?? '');
  useEffect(() => setDraft(props.value ?? ''), [props.value]);
  const commit = () => props.onCommit(draft.trim() || undefined);
  return (
    <Input
      ref={props.inputRef}
      allowClear
      prefix={props.icon}
      style={{ width: props.width }}
      placeholder={props.placeholder}
      value={draft}
      maxLength={props.maxLength}
      onChange={(e) => {
        setDraft(e.target.value);
        if (!e.target.value) props.onCommit(undefined);
      }}
      onPressEnter={commit}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
      }}
      aria-label={props.label}
      data-testid={props.testId}
    />
  );
}
