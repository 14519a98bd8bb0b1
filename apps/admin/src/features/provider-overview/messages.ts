/** The "provider-overview" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    overview: 'Overview',
  },
  overview: {
    title: 'Overview',
    subtitle: 'Every tenant’s accounts and API traffic at a glance.',
    tenants: 'Tenants',
    active: 'Active',
    suspended: 'Suspended',
    users: 'Users',
    requestsToday: 'API requests today',
    rateLimitedToday: 'Rate-limited today',
    trafficChart: 'API traffic per tenant',
    accountsChart: 'Users and API keys per tenant',
    today: 'Today',
    series: {
      requestsToday: 'Requests',
      rateLimitedToday: 'Rate-limited',
      users: 'Users',
      apiKeys: 'API keys',
    },
    empty: 'No tenants yet. Onboard the first brand to get started.',
    truncated: 'Showing the first {{shown}} of {{total}} tenants.',
    onboard: 'Onboard tenant',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    overview: '运营总览',
  },
  overview: {
    title: '运营总览',
    subtitle: '所有租户的账号与 API 调用情况一览。',
    tenants: '租户总数',
    active: '正常',
    suspended: '已停用',
    users: '用户数',
    requestsToday: '今日 API 调用',
    rateLimitedToday: '今日限流次数',
    trafficChart: '各租户 API 调用量',
    accountsChart: '各租户用户与 API 密钥',
    today: '今日',
    series: {
      requestsToday: '调用次数',
      rateLimitedToday: '限流次数',
      users: '用户数',
      apiKeys: 'API 密钥',
    },
    empty: '暂无租户。入驻第一个品牌即可开始。',
    truncated: '仅显示前 {{shown}} 个租户（共 {{total}} 个）。',
    onboard: '租户入驻',
  },
};
