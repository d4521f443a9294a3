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
import { SiteEntity } from './site.entity';
import { TenantEntity } from './tenant.entity';

export const USER_ROLES = ['admin', 'agent', 'technician', 'manager', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_LANGUAGES = ['de', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/**
 * A person who signs in. Customers belong to exactly one tenant (`tenantId`); provider staff have no
 * tenant of their own: admins and agents serve all tenants, managers and technicians the tenants
 * listed in user_tenants.
 */
@Entity({ name: 'users' })
@Check('ck_users_role', `"role" IN ('admin', 'agent', 'technician', 'manager', 'customer')`)
@Check('ck_users_customer_tenant', `("role" = 'customer') = ("tenant_id" IS NOT NULL)`)
@Check('ck_users_language', `"language" IN ('de', 'en')`)
@Check('ck_users_calendar_token_hash', `"calendar_token_hash" ~ '^[0-9a-f]{64}$'`)
@Index('uq_users_calendar_token_hash', ['calendarTokenHash'], {
  unique: true,
  where: '"calendar_token_hash" IS NOT NULL',
})
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

  /** UI language (returned by /auth/me; the UI switches to it). */
  @Column({ type: 'varchar', length: 2, default: 'de' })
  language!: UserLanguage;

  /** A technician's role id in the price lists (e.g. `service-technician`): what their hours are billed as. */
  @Column({ name: 'price_list_role', type: 'varchar', length: 60, nullable: true })
  priceListRole!: string | null;

  /** A technician's home site (where they start from); a site of one of their tenants. */
  @Index('ix_users_home_site')
  @Column({ name: 'home_site_id', type: 'uuid', nullable: true })
  homeSiteId!: string | null;

  @ManyToOne(() => SiteEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'home_site_id', foreignKeyConstraintName: 'fk_users_home_site' })
  homeSite?: SiteEntity;

  /** sha256 (hex) of the technician's iCalendar feed token; the token is shown once and never stored. */
  @Column({ name: 'calendar_token_hash', type: 'text', nullable: true })
  calendarTokenHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
