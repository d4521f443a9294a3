import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity({ name: 'tickets' })
@Check('ck_tickets_priority', `"priority" IN ('A', 'B', 'C')`)
@Check('ck_tickets_channel', `"channel" IN ('phone', 'email', 'portal')`)
@Check('ck_tickets_status', `"status" IN ('new', 'accepted', 'dispatched', 'on_site', 'paused', 'restored', 'closed')`)
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Human number "2026-000123", unique, allocated per calendar year. */
  @Index('uq_tickets_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 1 })
  priority!: 'A' | 'B' | 'C';

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status!: string;

  @Column({ type: 'varchar', length: 10, default: 'phone' })
  channel!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reporter!: string | null;

  @Index('ix_tickets_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
