import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity';

export const USER_ROLES = ['admin', 'agent', 'technician', 'manager', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * A person who signs in. Customers belong to exactly one tenant (`tenantId`); provider staff have no
 * tenant of their own: admins and agents serve all tenants, managers and technicians the tenants
 * listed in user_tenants.
 */
@Entity({ name: 'users' })
@Check('ck_users_role', `"role" IN ('admin', 'agent', 'technician', 'manager', 'customer')`)
@Check('ck_users_customer_tenant', `("role" = 'customer') = ("tenant_id" IS NOT NULL)`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stored lower-case; unique. */
  @Index('uq_users_email', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: UserRole;

  @Index('ix_users_tenant')
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId!: string | null;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_users_tenant' })
  tenant?: TenantEntity;

  /** argon2id hash. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
