import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CancelApproverListResponse } from '@leitstand/api-contracts';
import { CurrentUser, type AuthUser } from '@leitstand/backend/core';
import { OccurrenceApproversService } from '@leitstand/backend/maintenance';

/** Who may approve cancelling an occurrence (the cancel dialog's choice of `approverId`). */
@ApiTags('maintenance')
@Controller('maintenance/occurrences/:id/cancel-approvers')
export class OccurrenceApproversController {
  constructor(@Inject(OccurrenceApproversService) private readonly approvers: OccurrenceApproversService) {}

  @Get()
  @ApiOperation({
    summary: 'The active managers of the occurrence’s tenant and the active admins: the approvers cancel accepts',
  })
  @ApiOkResponse({ description: '`items`: id, name, role — managers first, then admins, by name' })
  @ApiForbiddenResponse({ description: 'Technicians cannot cancel occurrences' })
  @ApiNotFoundResponse({ description: 'Unknown, outside the caller’s tenants, or the caller is a customer' })
  list(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<CancelApproverListResponse> {
    return this.approvers.list(user, id);
  }
}
