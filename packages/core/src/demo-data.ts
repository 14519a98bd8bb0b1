import { randomUUID } from 'node:crypto';
import type { TicketsModuleService } from './modules/tickets/index.js';
import { runWithContext, type TenantRef } from './platform/tenancy/context.js';
import type { Services } from './services.js';

/**
 * The demo tenant's workspace: a few customers (their PII encrypted and shown masked) and tickets
 * in several states, written through the real services as the demo's people would — so events,
 * audit, de-duplication and CSAT work as in production. Idempotent: customers are found by their
 * identities, tickets by their Idempotency-Key, and a ticket found again gets no second reply.
 */

export interface DemoPerson {
  userId: string;
  email: string;
}

type CreateInput = Parameters<TicketsModuleService['tickets']['create']>[0];

interface DemoCustomer {
  name: string;
  identities: { kind: 'MOBILE' | 'EMAIL' | 'EXTERNAL_ID'; value: string }[];
}

/** Demo people: fictional names, numbers from reserved/test ranges, example.com emails. */
const CUSTOMERS: DemoCustomer[] = [
  {
    name: '李雷',
    identities: [
      { kind: 'MOBILE', value: '+86 138-0013-8000' },
      { kind: 'EMAIL', value: 'li.lei@example.com' },
    ],
  },
  {
    name: '韩梅梅',
    identities: [
      { kind: 'MOBILE', value: '139 1234 5678' },
      { kind: 'EMAIL', value: 'han.meimei@example.com' },
    ],
  },
  {
    name: 'Wang Fang',
    identities: [
      { kind: 'EMAIL', value: 'wang.fang@example.com' },
      { kind: 'EXTERNAL_ID', value: 'crm-10086' },
    ],
  },
  { name: '张伟', identities: [{ kind: 'MOBILE', value: '150-1111-2222' }] },
];

interface DemoTicket {
  key: string;
  subject: string;
  customer: number;
  channel: CreateInput['channel'];
  priority: NonNullable<CreateInput['priority']>;
  tags: string[];
  assignee: 'admin' | 'agent' | null;
  message: string;
  reply?: string;
  note?: string;
  /** Where the ticket ends (after the reply). */
  status: 'NEW' | 'OPEN' | 'PENDING' | 'ON_HOLD' | 'SOLVED';
  csat?: { score: number; comment: string };
}

const TICKETS: DemoTicket[] = [
  {
    key: 'annual-fee',
    subject: '信用卡年费咨询',
    customer: 0,
    channel: 'WEB_CHAT',
    priority: 'NORMAL',
    tags: ['credit-card'],
    assignee: null,
    message: '你好，我的信用卡今年为什么收了年费？之前说首年免年费。',
    status: 'NEW',
  },
  {
    key: 'transfer-failed',
    subject: '跨行转账失败但已扣款',
    customer: 1,
    channel: 'PHONE',
    priority: 'URGENT',
    tags: ['transfer', 'vip'],
    assignee: 'agent',
    message: '昨天下午的跨行转账显示失败，但是账户里的钱已经扣了。',
    reply: '您好，我们已经查询到这笔交易，正在与清算中心核对，预计今天内给您答复。',
    note: '清算中心工单号 QS-2026-1201-07，已电话联系客户确认金额。',
    status: 'OPEN',
  },
  {
    key: 'change-mobile',
    subject: '修改绑定手机号',
    customer: 2,
    channel: 'EMAIL',
    priority: 'HIGH',
    tags: ['account'],
    assignee: 'admin',
    message: 'I changed my phone number. How do I update it for SMS verification?',
    reply: 'Please bring your ID to any branch, or reply with a photo of the signed change form.',
    status: 'PENDING',
  },
  {
    key: 'installments',
    subject: '账单分期手续费',
    customer: 3,
    channel: 'API',
    priority: 'LOW',
    tags: ['billing'],
    assignee: 'agent',
    message: '想把这个月的账单分 12 期，手续费是多少？',
    note: '等待产品部确认本月分期优惠费率后再回复客户。',
    status: 'ON_HOLD',
  },
  {
    key: 'lost-card',
    subject: '银行卡挂失',
    customer: 0,
    channel: 'PHONE',
    priority: 'URGENT',
    tags: ['card', 'security'],
    assignee: 'agent',
    message: '我的借记卡丢了，请马上帮我挂失。',
    reply: '已为您办理临时挂失，新卡将在 5 个工作日内寄出。',
    status: 'SOLVED',
    csat: { score: 5, comment: '处理很快，谢谢！' },
  },
  {
    key: 'online-banking',
    subject: '网银登录提示证书过期',
    customer: 1,
    channel: 'WEB_CHAT',
    priority: 'NORMAL',
    tags: ['online-banking'],
    assignee: 'admin',
    message: '登录网银时一直提示证书过期，怎么办？',
    reply: '请在网银首页下载最新的安全控件并重新安装证书，完成后即可正常登录。',
    status: 'SOLVED',
    csat: { score: 3, comment: '解决了，但是等了比较久。' },
  },
  {
    key: 'points',
    subject: 'Points redemption not showing',
    customer: 2,
    channel: 'EMAIL',
    priority: 'NORMAL',
    tags: ['rewards'],
    assignee: 'agent',
    message: 'I redeemed 20,000 points for a voucher last week but never received it.',
    note: 'Voucher partner confirms dispatch on 11-28; tracking requested.',
    reply: 'We have asked our partner for the tracking number and will update you shortly.',
    status: 'OPEN',
  },
  {
    key: 'wealth-redemption',
    subject: '理财产品赎回到账时间',
    customer: 3,
    channel: 'API',
    priority: 'HIGH',
    tags: ['wealth', 'vip'],
    assignee: null,
    message: '周五赎回的理财产品，什么时候能到账？',
    status: 'NEW',
  },
];

function asUser<T>(
  tenant: TenantRef,
  person: DemoPerson,
  role: 'TENANT_ADMIN' | 'AGENT',
  fn: () => Promise<T>,
) {
  return runWithContext(
    {
      requestId: `demo_${randomUUID()}`,
      principal: {
        kind: 'user',
        userId: person.userId,
        sessionId: 'demo-seed',
        email: person.email,
        providerRole: null,
        tenantId: tenant.id,
        tenantRole: role,
      },
      tenant,
      system: undefined,
      clientIp: undefined,
    },
    fn,
  );
}

/** Seeds (or finds again) the demo workspace; returns how many tickets this run created. */
export async function seedDemoWorkspace(
  s: Services,
  tenant: TenantRef,
  people: { admin: DemoPerson; agent: DemoPerson | null },
): Promise<{ customers: number; ticketsCreated: number }> {
  const runStart = Date.now();
  const { customers, tickets } = s.modules;
  const admin = <T>(fn: () => Promise<T>) => asUser(tenant, people.admin, 'TENANT_ADMIN', fn);
  const agentOr = (who: 'admin' | 'agent' | null) =>
    who === 'agent' && people.agent ? people.agent : people.admin;
  const as = <T>(who: 'admin' | 'agent' | null, fn: () => Promise<T>) =>
    who === 'agent' && people.agent ? asUser(tenant, people.agent, 'AGENT', fn) : admin(fn);

  const customerIds: string[] = [];
  for (const c of CUSTOMERS) {
    const r = await admin(() => customers.findOrCreateByIdentities(c.identities, c.name));
    customerIds.push(r.customer.id);
  }

  let ticketsCreated = 0;
  for (const d of TICKETS) {
    const customerId = customerIds[d.customer];
    if (!customerId) continue;
    const assigneeId = d.assignee ? agentOr(d.assignee).userId : null;
    const created = await admin(() =>
      tickets.tickets.create(
        {
          subject: d.subject,
          customerId,
          channel: d.channel,
          priority: d.priority,
          tags: d.tags,
          assigneeId,
          message: { text: d.message, attachments: [], authorKind: 'CUSTOMER' },
        },
        { idempotencyKey: `demo-seed-${d.key}` },
      ),
    );
    // Found again (an earlier run): its conversation is already there.
    if (created.createdAt.getTime() < runStart) continue;
    ticketsCreated += 1;
    const id = created._id;
    if (d.note)
      await as(d.assignee, () => tickets.conversation.addNote(id, { text: d.note ?? '', attachments: [] }));
    if (d.reply) {
      await as(d.assignee, () => tickets.conversation.reply(id, { text: d.reply ?? '', attachments: [] }));
    }
    const current = await admin(() => tickets.tickets.get(id));
    if (current.status !== d.status) {
      await as(d.assignee, () => tickets.tickets.update(id, current.version, { status: d.status }));
    }
    if (d.csat) {
      const solved = await admin(() => tickets.tickets.get(id));
      const token = tickets.csat.surveyToken(tenant.id, solved);
      if (token) await tickets.csat.submit({ token, score: d.csat.score, comment: d.csat.comment });
    }
  }
  return { customers: customerIds.length, ticketsCreated };
}
