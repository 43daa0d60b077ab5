import { SearchOutlined } from '@ant-design/icons';
import { Input, type InputRef, Spin, Tag, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Highlighted } from './highlighted.js';
import { type SearchItem, useContextFilters, useSearchAsYouType } from './use-search.js';
import './search.css';

const SEVERITY_COLOR: Record<string, string> = {
  critical: 'red',
  high: 'orange',
  normal: 'default',
  low: 'default',
};

/** The header search: results as you type, ↑↓ to move, Enter to open, Esc to close, / to focus. */
export function SearchBox() {
  const { t } = useTranslation('search');
  const navigate = useNavigate();
  const filters = useContextFilters();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<InputRef>(null);
  const listId = useId();
  const { q, data, pending, error } = useSearchAsYouType(text, filters);
  const items: SearchItem[] = q && data ? data.items : [];

  // "/" outside a text field focuses the search, unless the page handles "/" itself.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented) return; // a page that uses "/" itself (the inbox filter) took it
      const target = e.target as HTMLElement | null;
      const typing =
        target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (e.key === '/' && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const openTicket = (item: SearchItem) => {
    close();
    input.current?.blur();
    navigate(`/tickets/${item.id}`);
  };

  const seeAll = () => {
    if (!text.trim()) return;
    close();
    input.current?.blur();
    const params = new URLSearchParams({ q: text.trim(), ...(filters ?? {}) });
    navigate(`/search?${params.toString()}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (items.length ? (i + 1) % items.length : -1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (items.length ? (i <= 0 ? items.length - 1 : i - 1) : -1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = items[active];
      if (item) openTicket(item);
      else seeAll();
    } else if (e.key === 'Escape') {
      if (open) close();
      else input.current?.blur();
    }
  };

  const showPanel = open && text.trim().length > 0;
  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <div className="search-box">
      <Input
        ref={input}
        allowClear
        value={text}
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
        suffix={pending && text.trim() ? <Spin size="small" /> : null}
        placeholder={t('placeholder')}
        maxLength={1000}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-label={t('title')}
        aria-expanded={showPanel}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? optionId(active) : undefined}
        data-testid="search-input"
      />
      {showPanel && (
        // Clicks inside the panel must not blur the input first (which would close the panel).
        // biome-ignore lint/a11y/noStaticElementInteractions: only keeps the focus in the combobox input
        <div className="search-panel" onMouseDown={(e) => e.preventDefault()} data-testid="search-panel">
          {filters && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '6px 12px', fontSize: 12 }}>
              {t('inInbox')}
            </Typography.Text>
          )}
          <div id={listId} role="listbox" aria-label={t('title')}>
            {items.map((item, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the input owns the keyboard (combobox pattern)
              <div
                key={item.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                tabIndex={-1}
                className="search-option"
                onMouseEnter={() => setActive(i)}
                onClick={() => openTicket(item)}
                data-testid="search-option"
              >
                <div className="search-option-subject">
                  <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
                    #{item.number}
                  </Typography.Text>
                  <Highlighted text={item.subject} ranges={item.search.subjectHighlights} />
                  <Tag style={{ marginInlineStart: 8 }}>{t(`common:status.${item.status}`)}</Tag>
                  {item.severity !== 'normal' && (
                    <Tag color={SEVERITY_COLOR[item.severity]}>{t(`common:severity.${item.severity}`)}</Tag>
                  )}
                </div>
                {item.search.messageId ? (
                  <div className="search-option-snippet">
                    <Highlighted text={item.search.snippet} ranges={item.search.highlights} />
                  </div>
                ) : (
                  <div className="search-option-snippet">{t('subjectMatch')}</div>
                )}
              </div>
            ))}
          </div>
          {q && data && !items.length && !pending && (
            <div className="search-option" style={{ cursor: 'default' }}>
              {data.terms.length ? t('noResults') : t('noTerms')}
            </div>
          )}
          {error && !pending && (
            <div className="search-option" style={{ cursor: 'default' }}>
              {error.message}
            </div>
          )}
          {data?.capped && (
            <Typography.Text type="warning" style={{ display: 'block', padding: '6px 12px', fontSize: 12 }}>
              {t('capped', { count: data.ranked })}
            </Typography.Text>
          )}
          <div className="search-panel-footer">
            <span>{pending ? t('searching') : t('hint')}</span>
            <Typography.Link onClick={seeAll} data-testid="search-see-all">
              {t('seeAll')}
            </Typography.Link>
          </div>
        </div>
      )}
    </div>
  );
}
