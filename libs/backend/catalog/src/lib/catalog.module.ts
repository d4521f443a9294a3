import { Module } from '@nestjs/common';
import { AssetsService } from './assets.service';
import { ContractsService } from './contracts.service';
import { PriceListsService } from './price-lists.service';
import { SitesService } from './sites.service';
import { TenantsService } from './tenants.service';

const SERVICES = [TenantsService, SitesService, AssetsService, PriceListsService, ContractsService];

/** Tenants, sites, assets, price lists and contracts (issue 5). Needs the global DatabaseModule. */
@Module({ providers: SERVICES, exports: SERVICES })
export class CatalogModule {}
