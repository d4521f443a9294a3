import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';

export const PASSWORD_TOKEN_PURPOSES = ['set', 'reset'] as const;
export type PasswordTokenPurpose = (typeof PASSWORD_TOKEN_PURPOSES)[number];

/**
 * A one-time password link: `set` for a new user, `reset` when an admin or manager resets a password.
 * Only the sha256 of the 32-byte random secret is stored (hex); the secret travels once, in the link.
 * Valid until `expires_at` (24 h after issue), single use (`used_at`); issuing a new link for the user
 * ends the older unused ones (their `expires_at` is set to the issue time).
 */
@Entity({ name: 'password_tokens' })
@Check('ck_password_tokens_purpose', `"purpose" IN ('set', 'reset')`)
export class PasswordTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_password_tokens' })
  id!: string;

  @Index('ix_password_tokens_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_password_tokens_user' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 10 })
  purpose!: PasswordTokenPurpose;

  /** sha256 of the secret, hex. */
  @Index('uq_password_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** Who issued the link (null: the create-admin CLI). */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_password_tokens_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
