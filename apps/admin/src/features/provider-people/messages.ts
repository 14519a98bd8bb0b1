/** The "provider-people" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    providerUsers: 'Staff & staffing',
  },
  people: {
    title: 'Staff & staffing',
    subtitle: 'The provider’s own admins and agents, and the tenants each agent works for.',
    invite: 'Invite staff',
    inviteTitle: 'Invite a provider admin or agent',
    sendInvite: 'Create invitation',
    searchPlaceholder: 'Search by name or email',
    empty: 'No provider staff yet',
    staffedOn: 'Staffed on',
    allTenants: 'All tenants (provider admin)',
    staff: 'Staff on tenant',
    staffTitle: 'Staff {{name}} on a tenant',
    staffHelp:
      'The agent can then switch to this tenant and work its conversations, within one capacity shared across tenants.',
    staffed: '{{name}} has been staffed',
    tenant: 'Tenant',
    unstaffConfirm: 'Remove {{name}} from {{tenant}}?',
    unstaffed: 'Staffing removed',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    providerUsers: '人员与排班',
  },
  people: {
    title: '人员与排班',
    subtitle: '服务商自有的管理员与坐席，以及每位坐席服务的租户。',
    invite: '邀请人员',
    inviteTitle: '邀请服务商管理员或坐席',
    sendInvite: '生成邀请',
    searchPlaceholder: '按姓名或邮箱搜索',
    empty: '暂无服务商人员',
    staffedOn: '服务租户',
    allTenants: '全部租户（服务商管理员）',
    staff: '分配租户',
    staffTitle: '为 {{name}} 分配租户',
    staffHelp: '分配后，坐席可切换到该租户处理会话；多个租户共用同一份接待容量。',
    staffed: '已为 {{name}} 分配租户',
    tenant: '租户',
    unstaffConfirm: '确认将 {{name}} 从 {{tenant}} 移出？',
    unstaffed: '已取消分配',
  },
};
