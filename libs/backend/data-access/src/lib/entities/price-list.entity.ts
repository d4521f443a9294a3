import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * A provider's price list as validated data (the shape of @leitstand/domain's parsePriceList input);
 * contracts refer to it for billing out-of-scope work.
 */
@Entity({ name: 'price_lists' })
export class PriceListEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_price_lists_key', { unique: true })
  @Column({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
