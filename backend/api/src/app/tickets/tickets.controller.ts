import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
  Sse,
} from '@nestjs/common';
import type { MessageEvent } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import type {
  MaterialView,
  TicketAction,
  CustomerTicketDetail,
  CustomerTicketListResponse,
  TicketDetail,
  TicketEventView,
  TicketListResponse,
  TicketTimelineResponse,
  WorkLogView,
} from '@leitstand/api-contracts';
import { CurrentUser, Roles, type AuthUser } from '@leitstand/backend/core';
import {
  CreateCommentDto,
  CreateMaterialDto,
  CreateTicketDto,
  CreateWorkLogDto,
  DispatchTicketDto,
  PauseTicketDto,
  ReopenTicketDto,
  RestoreTicketDto,
  TicketActionNoteDto,
  TicketActionsService,
  TicketChangesHub,
  TicketListQueryDto,
  TicketsService,
  UpdateTicketDto,
  etagOf,
  eventForCustomer,
  parseIfMatch,
} from '@leitstand/backend/tickets';

/** The bits of a Fastify reply (or Express response) the controller sets. */
interface Reply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
}

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ticket version you last saw, e.g. "3"; a stale one answers 412 and writes nothing',
};

/** One status action: POST /api/tickets/:id/<action>, If-Match aware, 409 naming the current status. */
function TransitionRoute(action: TicketAction, description: string): MethodDecorator {
  return applyDecorators(
    Post(`:id/${action}`),
    HttpCode(200),
    ApiOperation({ summary: `${action[0]?.toUpperCase() ?? ''}${action.slice(1)} the ticket` }),
    ApiHeader(IF_MATCH),
    ApiOkResponse({ description }),
    ApiConflictResponse({ description: 'Not valid in the current status (details.currentStatus)' }),
  );
}

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(
    @Inject(TicketsService) private readonly tickets: TicketsService,
    @Inject(TicketActionsService) private readonly actions: TicketActionsService,
    @Inject(TicketChangesHub) private readonly hub: TicketChangesHub,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The queue: nearest deadline first, filters, cursor pages (limit ≤ 200)' })
  @ApiOkResponse({
    description:
      'A page of tickets in the caller’s tenants: `{ items, nextCursor }`. Each item carries its SLA clocks ' +
      '(response and restore; empty without a contract) and, while paused, `pauseReason` and `pausedUntil` of ' +
      'the latest pause (null otherwise). Customers get CustomerTicketSummary items: no assignee id, ' +
      'reporter, priority reason or scope; the technician by display name only.',
  })
  @ApiBadRequestResponse({ description: 'Invalid filter or cursor' })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: TicketListQueryDto,
  ): Promise<TicketListResponse | CustomerTicketListResponse> {
    const page = await this.tickets.list(user, query);
    return user.role === 'customer' ? this.tickets.customerPage(page) : page;
  }

  @Sse('stream')
  @ApiOperation({
    summary: 'Server-sent events: every committed ticket change in the caller’s tenants (event "ticket")',
  })
  stream(@CurrentUser() user: AuthUser): Observable<MessageEvent> {
    return this.hub.stream(user);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin', 'agent', 'manager', 'customer')
  @ApiOperation({ summary: 'Report a fault (send Idempotency-Key to make retries safe)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '≤ 200 characters; same key + body replays' })
  @ApiCreatedResponse({ description: 'The created ticket (or the replayed first answer)' })
  @ApiBadRequestResponse({ description: 'Invalid body; `fields` names each invalid field' })
  @ApiNotFoundResponse({ description: 'Site or asset unknown or outside the caller’s tenants' })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with a different body' })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateTicketDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail | CustomerTicketDetail> {
    const result = await this.tickets.create(user, body, idempotencyKey);
    reply.status(result.status);
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    reply.header('ETag', etagOf(result.body.version));
    return user.role === 'customer' ? this.tickets.customerDetail(result.body) : result.body;
  }

  @ApiOperation({ summary: 'Get a ticket' })
  @Get(':id')
  @ApiOkResponse({
    description:
      'The ticket with both SLA clocks (and, while paused, the pause reason/until); ETag is its version. ' +
      'Customers get a CustomerTicketDetail: status, times, clocks, public comments, the technician by display ' +
      'name; no assignee id, reporter, priority reason, scope note or contract.',
  })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s tenants' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail | CustomerTicketDetail> {
    const ticket = await this.tickets.get(user, id);
    reply.header('ETag', etagOf(ticket.version));
    return user.role === 'customer' ? this.tickets.customerDetail(ticket) : ticket;
  }

  @ApiOperation({ summary: "A ticket's event log" })
  @Get(':id/timeline')
  @ApiOkResponse({ description: 'The event log, oldest first (customers: no internal comments)' })
  @ApiNotFoundResponse({ description: 'Unknown or outside the caller’s tenants' })
  timeline(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<TicketTimelineResponse> {
    return this.tickets.timeline(user, id);
  }

  @ApiOperation({ summary: 'Change a ticket (priority, scope, texts)' })
  @Patch(':id')
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ description: 'The updated ticket' })
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  @ApiForbiddenResponse({ description: 'Technicians and customers cannot edit tickets' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.withEtag(reply, this.actions.update(user, id, body, parseIfMatch(ifMatch)));
  }

  @TransitionRoute('accept', 'new → accepted (stops the response clock)')
  @ApiPreconditionFailedResponse({ description: 'If-Match is stale' })
  accept(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TicketActionNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'accept', body, ifMatch, reply);
  }

  @TransitionRoute('dispatch', 'accepted → dispatched to a technician serving the tenant')
  dispatch(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: DispatchTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'dispatch', body, ifMatch, reply);
  }

  @TransitionRoute('travel', 'dispatched → travelling')
  travel(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TicketActionNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'travel', body, ifMatch, reply);
  }

  @TransitionRoute('arrive', 'dispatched | travelling → on_site')
  arrive(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TicketActionNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'arrive', body, ifMatch, reply);
  }

  @TransitionRoute('pause', 'Any open status → paused (SLA clocks stand still)')
  pause(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: PauseTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'pause', body, ifMatch, reply);
  }

  @TransitionRoute('resume', 'paused → the status it was paused from')
  resume(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TicketActionNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'resume', body, ifMatch, reply);
  }

  @TransitionRoute('restore', 'accepted | dispatched | travelling | on_site → restored (stops the restore clock)')
  restore(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: RestoreTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'restore', body, ifMatch, reply);
  }

  @TransitionRoute('close', 'restored → closed')
  close(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: TicketActionNoteDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'close', body, ifMatch, reply);
  }

  @TransitionRoute('reopen', 'restored | closed → accepted (the restore clock continues)')
  reopen(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: ReopenTicketDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<TicketDetail> {
    return this.act(user, id, 'reopen', body, ifMatch, reply);
  }

  @ApiOperation({ summary: 'Comment on a ticket' })
  @Post(':id/comments')
  @HttpCode(201)
  @ApiCreatedResponse({ description: "The 'comment' event" })
  @ApiForbiddenResponse({ description: 'Customers cannot write internal comments' })
  async comment(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CreateCommentDto,
  ): Promise<TicketEventView> {
    const event = await this.actions.comment(user, id, body);
    return user.role === 'customer' ? (eventForCustomer(event) ?? event) : event;
  }

  @ApiOperation({ summary: 'Log work on a ticket' })
  @Post(':id/work-logs')
  @HttpCode(201)
  @ApiCreatedResponse({ description: "The work log (event 'work_logged')" })
  addWorkLog(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CreateWorkLogDto,
  ): Promise<WorkLogView> {
    return this.actions.addWorkLog(user, id, body);
  }

  @ApiOperation({ summary: "A ticket's work logs" })
  @Get(':id/work-logs')
  @ApiOkResponse({ description: 'Work logs of the ticket (staff only)' })
  listWorkLogs(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<WorkLogView[]> {
    return this.actions.listWorkLogs(user, id);
  }

  @ApiOperation({ summary: 'Add a material line to a ticket' })
  @Post(':id/materials')
  @HttpCode(201)
  @ApiCreatedResponse({ description: "The material line (event 'material_added')" })
  addMaterial(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: CreateMaterialDto,
  ): Promise<MaterialView> {
    return this.actions.addMaterial(user, id, body);
  }

  @ApiOperation({ summary: "A ticket's material lines" })
  @Get(':id/materials')
  @ApiOkResponse({ description: 'Material lines of the ticket (staff only)' })
  listMaterials(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<MaterialView[]> {
    return this.actions.listMaterials(user, id);
  }

  private act(
    user: AuthUser,
    id: string,
    action: TicketAction,
    body: TicketActionNoteDto | DispatchTicketDto | PauseTicketDto | RestoreTicketDto | ReopenTicketDto,
    ifMatch: string | undefined,
    reply: Reply,
  ): Promise<TicketDetail> {
    return this.withEtag(reply, this.actions.transition(user, id, action, body, parseIfMatch(ifMatch)));
  }

  private async withEtag(reply: Reply, pending: Promise<TicketDetail>): Promise<TicketDetail> {
    const ticket = await pending;
    reply.header('ETag', etagOf(ticket.version));
    return ticket;
  }
}
