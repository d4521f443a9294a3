import { InitialSchema1795290000000 } from './1795290000000-InitialSchema';
import { TicketQueueIndexCreatedAt1795292835855 } from './1795292835855-TicketQueueIndexCreatedAt';
import { Notifications1795293816858 } from './1795293816858-Notifications';
import { KpiRollups1795293955301 } from './1795293955301-KpiRollups';
import { KpiRollupsLz41795295280613 } from './1795295280613-KpiRollupsLz4';
import { MaintenanceWindows1795299935299 } from './1795299935299-MaintenanceWindows';
import { SessionRotation1795301000000 } from './1795301000000-SessionRotation';
import { UserAdministration1795310000000 } from './1795310000000-UserAdministration';
import { DocumentStore1795320000000 } from './1795320000000-DocumentStore';
import { MasterData1795330000000 } from './1795330000000-MasterData';
import { KpiRollupDerivation1795340000000 } from './1795340000000-KpiRollupDerivation';
import { KpiRollupDerivationJson1795340000001 } from './1795340000001-KpiRollupDerivationJson';
import { MaintenancePlans1795350000000 } from './1795350000000-MaintenancePlans';
import { OccurrenceExecution1795350000001 } from './1795350000001-OccurrenceExecution';
import { ComplianceRollup1795350000002 } from './1795350000002-ComplianceRollup';
import { ServiceReports1795370000000 } from './1795370000000-ServiceReports';
import { IndexSeries1795400000000 } from './1795400000000-IndexSeries';
import { TicketSearch1795380000000 } from './1795380000000-TicketSearch';
import { ServiceReportSignOff1795380000001 } from './1795380000001-ServiceReportSignOff';
import { Invoices1795390000000 } from './1795390000000-Invoices';

/** Every migration, oldest first. Never edit one after it landed: fix forward with a new one. */
export const MIGRATIONS = [
  InitialSchema1795290000000,
  TicketQueueIndexCreatedAt1795292835855,
  Notifications1795293816858,
  KpiRollups1795293955301,
  KpiRollupsLz41795295280613,
  MaintenanceWindows1795299935299,
  SessionRotation1795301000000,
  UserAdministration1795310000000,
  DocumentStore1795320000000,
  MasterData1795330000000,
  KpiRollupDerivation1795340000000,
  KpiRollupDerivationJson1795340000001,
  MaintenancePlans1795350000000,
  OccurrenceExecution1795350000001,
  ComplianceRollup1795350000002,
  ServiceReports1795370000000,
  TicketSearch1795380000000,
  ServiceReportSignOff1795380000001,
  Invoices1795390000000,
  IndexSeries1795400000000,
];
