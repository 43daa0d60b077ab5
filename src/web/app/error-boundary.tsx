import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const RELOADED = 'aftercare.chunkReload';
// A new build replaced the page chunks this tab was started with: reloading fetches the new ones.
const isChunkError = (e: unknown) =>
  /dynamically imported module|Importing a module script failed|Failed to fetch dynamically/i.test(String(e));

type State = { error: unknown };

/** Keeps one broken page from blanking the whole console; stale code chunks reload once by themselves. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack);
    if (isChunkError(error) && !sessionStorage.getItem(RELOADED)) {
      sessionStorage.setItem(RELOADED, '1');
      window.location.reload();
    }
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    return this.state.error ? <Crashed /> : this.props.children;
  }
}

function Crashed() {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('crash.title')}
      subTitle={t('crash.subtitle')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </Button>
      }
    />
  );
}
