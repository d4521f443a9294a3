import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TicketEntity } from './ticket.entity';

/** Material, partner work or pass-through cost used on a ticket, at net unit price (billing input). */
@Entity({ name: 'ticket_materials' })
@Check('ck_ticket_materials_kind', `"kind" IN ('material', 'partner', 'pass_through')`)
@Check('ck_ticket_materials_amounts', `"net_unit_price" >= 0 AND "quantity" > 0`)
@Index('ix_ticket_materials_ticket', ['ticketId'])
export class TicketMaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ticket_id', type: 'uuid' })
  ticketId!: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_ticket_materials_ticket' })
  ticket?: TicketEntity;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ type: 'varchar', length: 20, default: 'material' })
  kind!: 'material' | 'partner' | 'pass_through';

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  @Column({ name: 'net_unit_price', type: 'numeric', precision: 12, scale: 2 })
  netUnitPrice!: string;

  @Column({ type: 'numeric', precision: 12, scale: 3 })
  quantity!: string;

  @Column({ type: 'varchar', length: 20, default: 'Stk' })
  unit!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
