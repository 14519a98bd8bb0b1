import { IdentityError } from './errors.js';
import type { IdentityRepository } from './repository.js';
import type { SeatsRepository } from './seats-repository.js';

/**
 * Seats of the current tenant's plan. Memberships in any state hold one (a pending invitation
 * too). Taking a seat is a single conditional update of the tenant's counter — counting
 * memberships and then inserting one let concurrent invitations exceed the plan — and whoever
 * takes a seat gives it back if what it was for fails, or when the membership goes.
 */
export class Seats {
  constructor(
    private readonly counter: SeatsRepository,
    private readonly repo: IdentityRepository,
  ) {}

  async take(seats: number): Promise<void> {
    if (await this.counter.take(seats)) return;
    if (!(await this.counter.exists())) {
      // First seat of this tenant since counters exist: start from the memberships it has.
      await this.counter.start(await this.repo.countMemberships());
      if (await this.counter.take(seats)) return;
    }
    throw new IdentityError('SEAT_LIMIT_REACHED', `All ${seats} seats of the plan are taken`, {
      details: { seats },
    });
  }

  give(): Promise<void> {
    return this.counter.give();
  }

  /** Runs `fn` holding a seat; the seat goes back if `fn` fails. */
  async holding<T>(seats: number, fn: () => Promise<T>): Promise<T> {
    await this.take(seats);
    try {
      return await fn();
    } catch (e) {
      await this.give();
      throw e;
    }
  }

  erase() {
    return this.counter.erase();
  }
}
