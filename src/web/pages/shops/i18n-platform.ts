// The shop form's platform-specific settings and the reconciler's details (split from i18n.ts, which
// is near 400 lines); merged into the `shops` namespace as `more`.

const zh = {
  returnAddressId: '退货地址 ID',
  returnAddressIdHelp:
    '同意退货时告诉买家寄回哪里：填平台后台“地址管理”里退货地址的 ID。没有填写时，同意退货会失败并提示补填。',
  shopCipher: '店铺密文（shop_cipher）',
  shopCipherHelp:
    'TikTok Shop 按店铺调用接口时需要的店铺密文，可在“获取已授权店铺”接口的返回里找到；授权成功时通常会自动填写。',
  pddRelaySignature: '消息转发签名方式',
  pddRelaySignatureHelp:
    '通过 HTTP 转发拼多多消息时的签名校验方式。默认校验整条消息（更安全）；只有旧的转发程序仍在用旧签名时才选“旧方式”。',
  relayBody: '校验整条消息（默认）',
  relayLegacy: '旧方式（不校验消息内容）',
  reasonCodes: '售后原因代码对照表',
  reasonCodesHelp:
    '抖店的售后推送只带原因代码，不带原因文字。系统自带一份对照表（平台未公开，待核实）；与店铺实际不符时在这里改正，这里的条目优先。',
  reasonCode: '代码',
  reasonText: '原因，例如：商品质量问题',
  reasonCodeBad: '原因代码只能是 1–6 位数字',
  reasonCodeTwice: '代码 {{code}} 填写了两次',
  reasonTextRequired: '请填写原因',
  reasonTextTooLong: '原因最多 40 个字',
  reasonCodesTooMany: '最多 200 条',
  addReason: '添加一条',
  copyDefaults: '复制系统自带的对照表来修改',
  removeReason: '删除这一条',
  defaultsTitle: '系统自带的对照表',
  operateTypes: '售后操作类型代码',
  operateTypesHelp:
    '同意或拒绝售后时发给抖店的操作类型代码。自带的代码来自公开 SDK（待核实）；平台拒绝操作时，可按平台文档在这里改正。留空使用自带代码。',
  operate: {
    agree_refund: '同意仅退款',
    refuse_refund: '拒绝仅退款',
    agree_return: '同意退货',
    refuse_return: '拒绝退货',
    agree_received: '确认收到退货并退款',
    refuse_received: '拒绝收货',
    agree_exchange: '同意换货',
    refuse_exchange: '拒绝换货',
    exchange_shipped: '换货已发出',
  },
  operateBad: '请填写 1–9999 的整数',
  reconcileFeeds: '对账内容',
  reconcileFeedsHelp: '都不勾选时，对账平台列表接口提供的全部内容',
  feed: { after_sales: '售后单', orders: '订单', reviews: '评价' },
  reconcileMethods: '对账用的列表接口',
  reconcileMethodsHelp:
    '每类内容调用的平台列表接口方法名或路径。自带的接口名来自公开 SDK（待核实），一般留空；平台改名或返回“接口不存在”时在这里改正。',
  methodDefault: '留空使用默认接口',
  methodBad: '只能包含字母、数字和 _ . / -，最多 120 个字符',
};

type Strings = typeof zh;

const en: Strings = {
  returnAddressId: 'Return address ID',
  returnAddressIdHelp:
    'Where the buyer sends a return when you agree to it: the ID of the return address in the platform’s address book. Without it, agreeing to a return fails and asks for it.',
  shopCipher: 'Shop cipher (shop_cipher)',
  shopCipherHelp:
    'TikTok Shop needs this for every shop-scoped call; it is in the answer of Get Authorized Shops and is usually filled in when the shop is authorised.',
  pddRelaySignature: 'Relay signature',
  pddRelaySignatureHelp:
    'How pushes relayed over HTTP are verified. The default covers the whole message (safer); choose the legacy scheme only while an old relay still signs that way.',
  relayBody: 'Whole message (default)',
  relayLegacy: 'Legacy (does not cover the message)',
  reasonCodes: 'After-sales reason codes',
  reasonCodesHelp:
    'Douyin’s after-sales pushes carry only a reason code, not its text. A built-in table is used (the platform does not publish it: unverified); correct it here where your shop differs. Entries here win.',
  reasonCode: 'Code',
  reasonText: 'Reason, e.g. quality problem',
  reasonCodeBad: 'A reason code is 1–6 digits',
  reasonCodeTwice: 'Code {{code}} is listed twice',
  reasonTextRequired: 'Enter the reason',
  reasonTextTooLong: 'At most 40 characters',
  reasonCodesTooMany: 'At most 200 codes',
  addReason: 'Add a code',
  copyDefaults: 'Copy the built-in table to edit it',
  removeReason: 'Remove this code',
  defaultsTitle: 'Built-in table',
  operateTypes: 'After-sales operation codes',
  operateTypesHelp:
    'The operation type code sent to Douyin when agreeing to or refusing an after-sale. The built-in codes come from public SDKs (unverified); if the platform refuses an operation, correct the code here from its documentation. Empty uses the built-in code.',
  operate: {
    agree_refund: 'Agree to a refund',
    refuse_refund: 'Refuse a refund',
    agree_return: 'Agree to a return',
    refuse_return: 'Refuse a return',
    agree_received: 'Return received, refund',
    refuse_received: 'Refuse the returned parcel',
    agree_exchange: 'Agree to an exchange',
    refuse_exchange: 'Refuse an exchange',
    exchange_shipped: 'Exchange shipped',
  },
  operateBad: 'Enter a whole number from 1 to 9999',
  reconcileFeeds: 'What to reconcile',
  reconcileFeedsHelp: 'None ticked: everything the platform’s list APIs offer',
  feed: { after_sales: 'After-sales', orders: 'Orders', reviews: 'Reviews' },
  reconcileMethods: 'List APIs used',
  reconcileMethodsHelp:
    'The platform’s list method name or path for each kind. The built-in names come from public SDKs (unverified); leave empty unless the platform renamed one or answers “no such method”.',
  methodDefault: 'Empty: the built-in method',
  methodBad: 'Letters, digits and _ . / - only, at most 120 characters',
};

export const platformSettingsI18n = { zh, en };
