const zh = {
  menu: '个人信息保护',
  title: '个人信息保护',
  subtitle:
    '按《个人信息保护法》：买家个人信息在其最后一个工单关闭一段时间后自动脱敏；买家可申请导出或删除自己的信息',
  retention: {
    title: '保留期限',
    label: '工单关闭后保留',
    days: '天',
    keep: '不自动删除',
    auto: '到期自动脱敏',
    hint: '到期后，买家姓名改为“王**”，手机号、地址、邮箱删除，聊天记录中的号码和姓名打码；仍在申诉或纠纷中的工单记录作为证据保留。每小时执行一次。',
    save: '保存',
    saved: '已保存保留期限',
    run: '立即执行',
    ran_zero: '没有到期的买家信息',
    ran_other: '已脱敏 {{count}} 位买家的个人信息',
    range: '可设 30 天到 10 年',
  },
  erasures: {
    title: '最近的删除记录',
    empty: '还没有删除过买家个人信息',
    at: '时间',
    buyer: '买家',
    reason: '原因',
    by: '操作人',
    result: '结果',
    reasons: { retention: '保留期到期', request: '买家申请' },
    summary: '{{messages}} 条消息已打码',
    kept: '，{{count}} 个纠纷中的工单保留为证据',
  },
  log: {
    title: '个人信息访问记录',
    subtitle: '谁在什么时候查看、导出或删除了哪位买家的个人信息',
    empty: '还没有人查看过买家的完整联系方式',
    at: '时间',
    who: '操作人',
    action: '操作',
    buyer: '买家',
    actions: {
      contact_revealed: '查看完整联系方式',
      personal_data_exported: '导出个人信息',
      personal_data_erased: '删除个人信息',
    },
  },
  customer: {
    export: '导出个人信息',
    erase: '删除个人信息',
    eraseConfirm:
      '删除「{{name}}」的个人信息？姓名将打码，手机号、地址、邮箱将删除，聊天记录中的号码和姓名将打码；纠纷中的工单记录保留为证据。此操作不可撤销。',
    erased: '已删除该买家的个人信息（{{messages}} 条消息已打码）',
  },
};

const en: typeof zh = {
  menu: 'Personal data',
  title: 'Personal data protection',
  subtitle:
    "Under PIPL: a buyer's personal data is masked a set time after their last case closed; buyers may ask for a copy or for erasure",
  retention: {
    title: 'Retention period',
    label: 'Keep after the case closed for',
    days: 'days',
    keep: 'Keep (no automatic erasure)',
    auto: 'Mask automatically',
    hint: "Then the buyer's name becomes “W**”, phone, address and e-mail are deleted, and numbers and names in the chat are masked; threads of cases in an open dispute are kept as evidence. Runs every hour.",
    save: 'Save',
    saved: 'Retention period saved',
    run: 'Run now',
    ran_zero: 'No buyer data is due',
    ran_other: "Masked {{count}} buyers' personal data",
    range: 'From 30 days to 10 years',
  },
  erasures: {
    title: 'Latest erasures',
    empty: "No buyer's personal data has been erased yet",
    at: 'When',
    buyer: 'Buyer',
    reason: 'Reason',
    by: 'By',
    result: 'Result',
    reasons: { retention: 'Retention period ended', request: "Buyer's request" },
    summary: '{{messages}} messages masked',
    kept: ', {{count}} cases in dispute kept as evidence',
  },
  log: {
    title: 'Personal data access log',
    subtitle: "Who looked at, exported or erased which buyer's personal data, and when",
    empty: "Nobody has looked at a buyer's full contact details yet",
    at: 'When',
    who: 'Who',
    action: 'What',
    buyer: 'Buyer',
    actions: {
      contact_revealed: 'Viewed full contact details',
      personal_data_exported: 'Exported personal data',
      personal_data_erased: 'Erased personal data',
    },
  },
  customer: {
    export: 'Export personal data',
    erase: 'Erase personal data',
    eraseConfirm:
      "Erase {{name}}'s personal data? The name is masked, phone, address and e-mail deleted, numbers and names in chats masked; threads of cases in dispute are kept as evidence. This cannot be undone.",
    erased: "The buyer's personal data was erased ({{messages}} messages masked)",
  },
};

export const privacyI18n = { 'zh-CN': zh, en };
