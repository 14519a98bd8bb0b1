import { describe, expect, it } from 'vitest';
import { descriptionProblem, urlProblem, webhookFieldOf } from './webhook-rules';

describe('webhook input rules (mirroring the API)', () => {
  it('accepts public and literal-address http(s) URLs; the server checks address ranges', () => {
    expect(urlProblem('https://hooks.example.com/tandem')).toBeNull();
    expect(urlProblem('  http://127.0.0.1:8080/in  ')).toBeNull();
    expect(urlProblem('https://[2001:db8::1]/x')).toBeNull();
  });

  it('refuses what the API refuses before any DNS lookup', () => {
    expect(urlProblem('   ')).toBe('required');
    expect(urlProblem(`https://a.com/${'x'.repeat(2048)}`)).toBe('tooLong');
    expect(urlProblem('https://a.com/\nx')).toBe('control');
    expect(urlProblem('hooks.example.com')).toBe('invalid');
    expect(urlProblem('ftp://hooks.example.com/')).toBe('scheme');
    expect(urlProblem('https://user:pw@hooks.example.com/')).toBe('credentials');
    expect(urlProblem('http://localhost:3000/')).toBe('internal');
    expect(urlProblem('https://svc.internal/')).toBe('internal');
    expect(urlProblem('https://printer.local./')).toBe('internal');
  });

  it('limits descriptions to 200 characters on one line', () => {
    expect(descriptionProblem('')).toBeNull();
    expect(descriptionProblem('CRM sync')).toBeNull();
    expect(descriptionProblem('x'.repeat(201))).toBe('tooLong');
    expect(descriptionProblem('two\nlines')).toBe('control');
  });

  it('maps server issues to form fields', () => {
    expect(webhookFieldOf('input.url')).toEqual(['url']);
    expect(webhookFieldOf('input.eventTypes.2')).toEqual(['eventTypes']);
    expect(webhookFieldOf('input.description')).toEqual(['description']);
    expect(webhookFieldOf('id')).toBeNull();
  });
});
