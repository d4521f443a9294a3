import { Module } from '@nestjs/common';
import { CatalogModule } from '@leitstand/backend/catalog';

/** HTTP surface of tenants, sites, assets, price lists and contracts. */
@Module({ imports: [CatalogModule], controllers: [] })
export class CatalogHttpModule {}
