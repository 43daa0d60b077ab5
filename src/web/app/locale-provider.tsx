import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUSModule from 'antd/locale/en_US.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type AntLocale = NonNullable<Parameters<typeof ConfigProvider>[0]['locale']>;
// antd ships its locales as CommonJS: under NodeNext the default import is typed as the module itself.
const unwrap = (m: AntLocale | { default: AntLocale }): AntLocale => ('default' in m ? m.default : m);
const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";
// On English screens a Latin face comes before the Chinese ones: where the system font is not found
// (Linux), a CJK font's quotes and apostrophes are full width (“W**” read as “　W**　”).
const FONT_EN =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/** antd locale, theme and the App context (message, modal, notification) follow the i18n language. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  return (
    <ConfigProvider
      locale={locale}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1668dc',
          borderRadius: 6,
          fontFamily: i18n.language === 'en' ? FONT_EN : FONT,
          colorBgLayout: '#f4f6f9',
        },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 20px', headerHeight: 56 },
          Menu: { itemBorderRadius: 6, itemMarginInline: 8, subMenuItemBg: '#ffffff' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
