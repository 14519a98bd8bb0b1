import { useSession } from '../../session/session-context';

/** Tenant admins change business calendars; supervisors and agents read them. */
export function useCanEditCalendars(): boolean {
  const { session } = useSession();
  return session?.viewer.role === 'TENANT_ADMIN';
}

/** The tenant's own zone: what a new calendar starts with. */
export function useTenantZone(): string {
  const { session } = useSession();
  return session?.viewer.tenant?.timeZone ?? 'Asia/Shanghai';
}
