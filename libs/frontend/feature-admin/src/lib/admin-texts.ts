import { registerTexts } from '@leitstand/frontend/i18n';
import { ADMIN_DE, ADMIN_EN } from './admin.texts';

/*
 * The administration's texts (`admin.*`) travel in this lazily loaded chunk, not in the initial bundle: they
 * are registered when the chunk is evaluated, before the first admin screen renders.
 */
registerTexts(ADMIN_DE, ADMIN_EN);
