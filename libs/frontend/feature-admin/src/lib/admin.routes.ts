import { inject } from '@angular/core';
import type { CanActivateFn, Routes } from '@angular/router';
import { Router } from '@angular/router';
import { AuthService } from '@leitstand/frontend/data-access';
import './admin-texts';
import { AdminLayoutComponent } from './admin-layout.component';
import { AssetPageComponent } from './asset-page.component';
import { AssetsPageComponent } from './assets-page.component';
import { ContractPageComponent } from './contract-page.component';
import { PriceListsPageComponent } from './price-lists-page.component';
import { SitePageComponent } from './site-page.component';
import { TenantPageComponent } from './tenant-page.component';
import { TenantsPageComponent } from './tenants-page.component';

/** Price lists are the provider's: only admins write them (managers go back to the tenants). */
export const adminOnlyGuard: CanActivateFn = () =>
  inject(AuthService).user()?.role === 'admin' || inject(Router).parseUrl('/admin/tenants');

/**
 * Mount under `admin` behind `authGuard` and `roleGuard('admin', 'manager')`. Managers see and edit their tenants'
 * sites and contracts (the API scopes them); tenants and price lists are written by admins only.
 */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminLayoutComponent,
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'tenants' },
      { path: 'tenants', title: 'admin.tenants.pageTitle', component: TenantsPageComponent },
      { path: 'tenants/:tenantId', title: 'admin.tenant.pageTitle', component: TenantPageComponent },
      { path: 'tenants/:tenantId/sites/new', title: 'admin.site.pageTitle', component: SitePageComponent },
      { path: 'sites/:siteId', title: 'admin.site.pageTitle', component: SitePageComponent },
      { path: 'tenants/:tenantId/contracts/new', title: 'admin.contract.pageTitle', component: ContractPageComponent },
      { path: 'contracts/:contractId', title: 'admin.contract.pageTitle', component: ContractPageComponent },
      { path: 'assets', title: 'admin.assets.pageTitle', component: AssetsPageComponent },
      { path: 'assets/:assetId', title: 'admin.asset.pageTitle', component: AssetPageComponent },
      { path: 'sites/:siteId/assets/new', title: 'admin.asset.pageTitle', component: AssetPageComponent },
      {
        path: 'price-lists',
        title: 'admin.priceLists.pageTitle',
        canActivate: [adminOnlyGuard],
        component: PriceListsPageComponent,
      },
    ],
  },
];
