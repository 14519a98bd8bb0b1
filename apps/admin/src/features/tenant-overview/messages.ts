/** The "tenant-overview" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    tenantOverview: 'Overview',
  },
  tenantHome: {
    subtitle: 'Welcome back, {{name}}.',
    members: 'Users',
    manageUsers: 'Manage users',
    apiKeys: 'API keys',
    apiRate: 'Plan allows {{rate}} requests per minute.',
    manageKeys: 'Manage API keys',
    requestsToday: 'API requests today',
    rateLimitedToday: 'Rate-limited today: {{value}}',
    details: 'Tenant details',
    comingTitle: 'Service setup',
    comingBody:
      'Knowledge base, queues, SLA policies, bots and plugins appear here as they are enabled for your tenant.',
    slug: 'Slug',
    tier: 'Isolation tier',
    locale: 'Default language',
    timeZone: 'Time zone',
    storageMb: 'Storage',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    tenantOverview: '租户概览',
  },
  tenantHome: {
    subtitle: '欢迎回来，{{name}}。',
    members: '用户数',
    manageUsers: '管理用户',
    apiKeys: 'API 密钥',
    apiRate: '套餐允许每分钟 {{rate}} 次请求。',
    manageKeys: '管理 API 密钥',
    requestsToday: '今日 API 调用',
    rateLimitedToday: '今日限流：{{value}} 次',
    details: '租户信息',
    comingTitle: '服务配置',
    comingBody: '知识库、队列、SLA 策略、机器人和插件将在为您的租户开通后显示在这里。',
    slug: '租户标识',
    tier: '隔离级别',
    locale: '默认语言',
    timeZone: '时区',
    storageMb: '存储空间',
  },
};
