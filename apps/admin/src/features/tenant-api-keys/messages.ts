/** The "tenant-api-keys" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    apiKeys: 'API keys',
  },
  apiKeys: {
    title: 'API keys',
    subtitle: 'Keys for the brand’s own backend to call Tandem. Each key is shown once when created.',
    usage: 'Send the key as “Authorization: Bearer <key>”.',
    create: 'Create API key',
    createTitle: 'Create an API key',
    createdTitle: 'API key created',
    createdBody: 'Key “{{name}}” is ready.',
    name: 'Name',
    nameHelp: 'Where the key is used, e.g. “CRM sync (production)”.',
    namePlaceholder: 'e.g. CRM sync',
    scopes: 'Scopes',
    scopeHelp: {
      TENANT_READ: 'read the tenant’s profile and plan',
      USERS_READ: 'list users and roles',
      USERS_WRITE: 'invite and manage users',
      AUDIT_READ: 'read the audit log',
      CUSTOMER_SESSIONS_WRITE: 'start chat sessions for signed-in customers',
    },
    prefix: 'Key',
    statusActive: 'Active',
    statusRevoked: 'Revoked',
    lastUsed: 'Last used',
    neverUsed: 'Never used',
    empty: 'No API keys yet',
    revoke: 'Revoke',
    revokeConfirm: 'Revoke “{{name}}”?',
    revokeHelp: 'Calls with this key are rejected immediately.',
    revoked: '“{{name}}” has been revoked',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    apiKeys: 'API 密钥',
  },
  apiKeys: {
    title: 'API 密钥',
    subtitle: '供品牌自有后端调用 Tandem 的密钥。每个密钥仅在创建时显示一次。',
    usage: '调用时请携带请求头“Authorization: Bearer <密钥>”。',
    create: '创建密钥',
    createTitle: '创建 API 密钥',
    createdTitle: 'API 密钥已创建',
    createdBody: '密钥「{{name}}」已生成。',
    name: '名称',
    nameHelp: '注明密钥的用途，例如“CRM 同步（生产）”。',
    namePlaceholder: '例如：CRM 同步',
    scopes: '权限范围',
    scopeHelp: {
      TENANT_READ: '读取租户资料与套餐',
      USERS_READ: '查看用户与角色',
      USERS_WRITE: '邀请并管理用户',
      AUDIT_READ: '读取审计日志',
      CUSTOMER_SESSIONS_WRITE: '为已登录的客户创建聊天会话',
    },
    prefix: '密钥',
    statusActive: '有效',
    statusRevoked: '已吊销',
    lastUsed: '最近使用',
    neverUsed: '从未使用',
    empty: '暂无 API 密钥',
    revoke: '吊销',
    revokeConfirm: '确认吊销「{{name}}」？',
    revokeHelp: '使用该密钥的调用将立即被拒绝。',
    revoked: '「{{name}}」已吊销',
  },
};
