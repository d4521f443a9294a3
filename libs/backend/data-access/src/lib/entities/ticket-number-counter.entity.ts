import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last ticket number handed out per calendar year ("2026-000123"). */
@Entity({ name: 'ticket_number_counters' })
export class TicketNumberCounterEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ name: 'last_value', type: 'integer' })
  lastValue!: number;
}
