import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  definePlugin,
  parsePluginManifest,
  PluginManifestError,
  type DefinePluginInput,
  type PluginEvent,
  type PluginEventName,
} from '../src/plugin/index.js';

const handled: string[] = [];
const noop = (): void => undefined;

function goodManifest() {
  return {
    name: '@acme/crm-sync',
    version: '1.2.0-beta.1',
    displayName: { 'zh-CN': 'CRM 同步', en: 'CRM sync' },
    events: ['ticket.created', 'ticket.assigned'],
    scopes: ['tickets:read', 'http:egress'],
    egress: ['api.acme-crm.com'],
    settings: {
      apiToken: { type: 'secret', required: true, label: { 'zh-CN': 'API 令牌', en: 'API token' } },
      region: { type: 'string', default: 'cn-east', label: { 'zh-CN': '区域', en: 'Region' } },
    },
    handlers: {
      'ticket.created': (event) => {
        handled.push(event.type);
      },
      'ticket.assigned': async (event) => {
        handled.push(event.type);
      },
    },
  } satisfies DefinePluginInput<'ticket.created' | 'ticket.assigned'>;
}

/** Runs definePlugin on input a plain-JavaScript author could write, and returns the error. */
function rejectionOf(input: unknown): PluginManifestError {
  try {
    definePlugin(input as DefinePluginInput<PluginEventName>);
  } catch (error) {
    if (error instanceof PluginManifestError) return error;
    throw error;
  }
  throw new Error('expected definePlugin to throw');
}

function withChanges(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...goodManifest(), ...changes };
}

describe('definePlugin', () => {
  it('accepts a good manifest and returns a frozen definition with defaults applied', async () => {
    const plugin = definePlugin(goodManifest());

    expect(plugin.manifest).toEqual({
      name: '@acme/crm-sync',
      version: '1.2.0-beta.1',
      displayName: { 'zh-CN': 'CRM 同步', en: 'CRM sync' },
      events: ['ticket.created', 'ticket.assigned'],
      scopes: ['tickets:read', 'http:egress'],
      egress: ['api.acme-crm.com'],
      settings: {
        apiToken: { type: 'secret', required: true, label: { 'zh-CN': 'API 令牌', en: 'API token' } },
        region: {
          type: 'string',
          required: false,
          default: 'cn-east',
          label: { 'zh-CN': '区域', en: 'Region' },
        },
      },
    });
    expect(JSON.parse(JSON.stringify(plugin.manifest))).toEqual(plugin.manifest);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(Object.isFrozen(plugin.manifest.settings.apiToken?.label)).toBe(true);
    expect(Object.isFrozen(plugin.handlers)).toBe(true);
    expect(() => (plugin.manifest.events as string[]).push('sla.breached')).toThrow(TypeError);

    const event: PluginEvent<'ticket.created'> = {
      id: 'evt_1',
      type: 'ticket.created',
      tenantId: 'tn_1',
      schemaVersion: 1,
      causationDepth: 0,
      occurredAt: '2026-11-24T08:00:00.000Z',
      data: { ticketId: 'tkt_1' },
    };
    handled.length = 0;
    await plugin.handlers['ticket.created'](event);
    expect(handled).toEqual(['ticket.created']);
  });

  it('types handlers by the events the plugin subscribes to', () => {
    const plugin = definePlugin({
      name: 'sla-alerts',
      version: '0.1.0',
      displayName: { 'zh-CN': 'SLA 提醒', en: 'SLA alerts' },
      events: ['sla.breached'],
      handlers: {
        'sla.breached': (event) => {
          expectTypeOf(event.type).toEqualTypeOf<'sla.breached'>();
        },
      },
    });
    expectTypeOf(plugin.manifest.events).toEqualTypeOf<readonly 'sla.breached'[]>();
    expectTypeOf(plugin.handlers).toHaveProperty('sla.breached');
    expect(plugin.manifest.scopes).toEqual([]);
    expect(plugin.manifest.egress).toEqual([]);
  });

  it('does not change when the author mutates the input afterwards', () => {
    const input = goodManifest();
    const plugin = definePlugin(input);
    input.egress.push('evil.example.com');
    expect(plugin.manifest.egress).toEqual(['api.acme-crm.com']);
  });

  it.each([
    ['name', { name: 'CRM_Sync' }, 'name: must be "@scope/name" or kebab-case'],
    ['version', { version: '1.0' }, 'version: must be a semantic version, e.g. "1.0.0"'],
    ['missing English display name', { displayName: { 'zh-CN': 'CRM 同步' } }, 'displayName.en: is required'],
    [
      'blank zh-CN display name',
      { displayName: { 'zh-CN': '  ', en: 'CRM sync' } },
      'displayName["zh-CN"]: zh-CN text must not be empty',
    ],
    [
      'unknown event',
      { events: ['ticket.created', 'ticket.deleted'] },
      'events[1]: unknown event "ticket.deleted"; expected one of ticket.created',
    ],
    ['no events', { events: [], handlers: {} }, 'events: subscribe to at least one event'],
    [
      'unknown scope',
      { scopes: ['tickets:read', 'tickets:delete', 'http:egress'] },
      'scopes[1]: unknown scope "tickets:delete"',
    ],
    [
      'duplicate scope',
      { scopes: ['http:egress', 'http:egress'] },
      'scopes[1]: duplicate scope "http:egress"',
    ],
    [
      'egress URL',
      { egress: ['https://api.acme-crm.com/v1'] },
      'egress[0]: "https://api.acme-crm.com/v1" has a scheme',
    ],
    ['egress IP', { egress: ['169.254.169.254'] }, 'egress[0]: "169.254.169.254" is an IP address'],
    [
      'egress port',
      { egress: ['api.acme-crm.com:8443'] },
      'egress[0]: "api.acme-crm.com:8443" has a port, path or credentials',
    ],
    ['egress localhost', { egress: ['localhost'] }, 'egress[0]: "localhost" is not a public hostname'],
    [
      'egress without scope',
      { scopes: ['tickets:read'] },
      'scopes: egress hosts are listed but the "http:egress" scope is not requested',
    ],
    [
      'scope without egress',
      { egress: [] },
      'egress: the "http:egress" scope needs at least one allowed host',
    ],
    [
      'secret with default',
      {
        settings: {
          apiToken: { type: 'secret', default: 'sk_live_123', label: { 'zh-CN': '令牌', en: 'Token' } },
        },
      },
      'settings.apiToken.default: a secret setting cannot have a default value',
    ],
    [
      'unknown setting type',
      { settings: { since: { type: 'date', label: { 'zh-CN': '开始', en: 'Since' } } } },
      'settings.since.type: unsupported value "date"; expected one of "string", "number", "boolean", "secret"',
    ],
    [
      'default of the wrong type',
      { settings: { limit: { type: 'number', default: '10', label: { 'zh-CN': '上限', en: 'Limit' } } } },
      'settings.limit.default: Invalid input: expected number, received string',
    ],
    [
      'bad setting key',
      { settings: { 'api-token': { type: 'string', label: { 'zh-CN': '令牌', en: 'Token' } } } },
      'settings["api-token"]: setting keys must be identifiers',
    ],
    ['misspelt key', { scope: ['tickets:read'] }, 'scope: unknown key'],
    [
      'missing handler',
      { handlers: { 'ticket.created': noop } },
      'handlers["ticket.assigned"]: missing handler for subscribed event "ticket.assigned"',
    ],
    [
      'handler for an unsubscribed event',
      { handlers: { 'ticket.created': noop, 'ticket.assigned': noop, 'sla.breached': noop } },
      'handlers["sla.breached"]: "sla.breached" is not in events; subscribe to it or remove the handler',
    ],
    [
      'handler that is not a function',
      { handlers: { 'ticket.created': noop, 'ticket.assigned': 'notify' } },
      'handlers["ticket.assigned"]: must be a function',
    ],
    ['no handlers', { handlers: undefined }, 'handlers: is required'],
  ])('rejects %s with a specific message', (_case, changes, expected) => {
    const error = rejectionOf(withChanges(changes));
    expect(error.code).toBe('PLUGIN_MANIFEST_INVALID');
    expect(error.name).toBe('PluginManifestError');
    expect(error.message).toContain(expected);
    expect(error.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n')).toContain(expected);
  });

  it('lists every problem at once, headed by the plugin name', () => {
    const error = rejectionOf(withChanges({ version: 'latest', scopes: ['root'], handlers: {} }));
    expect(error.message.split('\n')[0]).toBe('Invalid plugin manifest "@acme/crm-sync" (4 problems):');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      'version',
      'scopes[0]',
      'handlers["ticket.created"]',
      'handlers["ticket.assigned"]',
    ]);
  });

  it('rejects input that is not an object', () => {
    expect(rejectionOf(null).issues).toEqual([{ path: '(manifest)', message: 'must be an object' }]);
  });
});

describe('parsePluginManifest', () => {
  it('validates a static manifest without handlers, as read from a bundle', () => {
    const { handlers: _handlers, ...manifest } = goodManifest();
    expect(parsePluginManifest(JSON.parse(JSON.stringify(manifest))).name).toBe('@acme/crm-sync');
    expect(() => parsePluginManifest({ ...manifest, handlers: {} })).toThrow(/handlers: unknown key/);
  });
});
