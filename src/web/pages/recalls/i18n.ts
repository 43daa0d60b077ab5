import { en } from './i18n-en.js';
import { zh } from './i18n-zh.js';

export const recallsI18n = { 'zh-CN': zh, en };
