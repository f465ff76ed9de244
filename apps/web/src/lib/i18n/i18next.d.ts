import type zhTW from './messages/zh-TW.json';

// Makes `t('some.key')` a compile error when the key is not in the zh-TW messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhTW };
  }
}
