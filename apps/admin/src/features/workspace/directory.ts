import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFieldsFragment } from '../../api/generated/graphql';
import { isSilentError, useQuery } from '../../data/use-query';
import { useSession, useViewer } from '../../session/session-context';
import { CustomerQuery, UsersQuery } from './documents';

export type CustomerRecord = CustomerFieldsFragment;

/**
 * Customer profiles by id for the tickets on screen (a ticket carries only its customer's id).
 * Fetched once per id while the page is mounted; a reload() forgets them (after a merge).
 */
export function useCustomers(ids: readonly string[]): {
  byId: ReadonlyMap<string, CustomerRecord>;
  reload: (id: string) => void;
} {
  const { manager } = useSession();
  const [byId, setById] = useState<ReadonlyMap<string, CustomerRecord>>(new Map());
  const requested = useRef(new Set<string>());
  const [tick, setTick] = useState(0);
  const key = [...new Set(ids)].sort().join(',');

  useEffect(() => {
    const missing = key.split(',').filter((id) => id && !requested.current.has(id));
    if (missing.length === 0) return;
    for (const id of missing) requested.current.add(id);
    let cancelled = false;
    void Promise.all(
      missing.map((id) =>
        manager.request(CustomerQuery, { id }).then(
          (data) => data.customer,
          (error: unknown) => {
            if (!isSilentError(error)) requested.current.delete(id);
            return null;
          },
        ),
      ),
    ).then((found) => {
      if (cancelled) return;
      setById((prev) => {
        const next = new Map(prev);
        found.forEach((c, i) => {
          const id = missing[i];
          if (c && id) next.set(id, c);
        });
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [manager, key, tick]);

  const reload = useMemo(
    () => (id: string) => {
      requested.current.delete(id);
      setTick((n) => n + 1);
    },
    [],
  );
  return { byId, reload };
}

export function customerLabel(customer: CustomerRecord | undefined, fallback: string): string {
  if (!customer) return fallback;
  return customer.displayName ?? customer.email ?? customer.mobile ?? customer.externalId ?? fallback;
}

export interface Assignee {
  id: string;
  name: string;
}

/**
 * Who tickets can be assigned to. Supervisors and tenant admins read the tenant's users; the API
 * does not let agents list users, so an agent assigns to themself (or unassigns).
 */
export function useAssignees(): { list: Assignee[]; nameOf: (id: string | null | undefined) => string } {
  const { t } = useTranslation('workspace');
  const viewer = useViewer();
  const canList = viewer.role === 'SUPERVISOR' || viewer.role === 'TENANT_ADMIN';
  const users = useQuery(UsersQuery, {}, { skip: !canList });
  return useMemo(() => {
    const me: Assignee = { id: viewer.user.id, name: viewer.user.name };
    const others: Assignee[] =
      users.data?.users.items
        .filter((u) => u.id !== me.id && u.status === 'ACTIVE')
        .map((u) => ({ id: u.id, name: u.name })) ?? [];
    const list = [me, ...others];
    const names = new Map(list.map((a) => [a.id, a.name]));
    return {
      list,
      nameOf: (id) => {
        if (!id) return t('tickets.unassigned');
        if (id === me.id) return `${me.name} (${t('tickets.me')})`;
        return names.get(id) ?? t('tickets.unknownUser');
      },
    };
  }, [users.data, viewer.user.id, viewer.user.name, t]);
}
