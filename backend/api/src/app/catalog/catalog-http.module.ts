import { Module } from '@nestjs/common';
import { CatalogModule } from '@leitstand/backend/catalog';
import { AssetsController } from './assets.controller';
import { ContractsController } from './contracts.controller';
import { PriceListsController } from './price-lists.controller';
import { SitesController } from './sites.controller';
import { TenantsController } from './tenants.controller';

/** HTTP surface of tenants, sites, assets, price lists and contracts. */
@Module({
  imports: [CatalogModule],
  controllers: [TenantsController, SitesController, AssetsController, PriceListsController, ContractsController],
})
export class CatalogHttpModule {}
