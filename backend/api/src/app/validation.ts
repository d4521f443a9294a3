import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationTypes, getMetadataStorage, type ValidationArguments, type ValidatorOptions } from 'class-validator';
import type { ApiFieldError } from '@leitstand/api-contracts';
import { RequestValidationException } from './api-exception.filter';
import { inputFieldErrors, isJsonObject } from './request-input';

function flatten(errors: ValidationError[], parent = ''): ApiFieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

interface ConstraintCheck {
  validator: { validate(value: unknown, args: ValidationArguments): unknown };
  constraints: unknown[];
}

interface PropertyPlan {
  name: string;
  /** @IsOptional / @ValidateIf: the property's checks run only when every condition holds. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  checks: ConstraintCheck[];
}

/**
 * Compiles a DTO's class-validator decorators into one synchronous acceptance check: true when the
 * object has no property without a decorator and every check class-validator would run passes —
 * running the same constraint implementations in the same order, without class-validator's per-call
 * metadata lookup and error bookkeeping. Null when the DTO uses what the check does not model
 * (nested or promise validation, `each`, groups, `always`, async constraints): class-validator then
 * validates it as before. Exact for the pipe's options (whitelist + forbidNonWhitelisted, no groups,
 * no skip… options).
 */
export function compileAcceptance(target: new (...args: never[]) => object): ((object: object) => boolean) | null {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false);
  if (metadatas.length === 0) return null;
  const grouped = storage.groupByPropertyName(metadatas);
  const plans: PropertyPlan[] = [];
  for (const [name, list] of Object.entries(grouped)) {
    const plan: PropertyPlan = { name, conditions: [], checks: [] };
    for (const m of list) {
      if (m.each || m.always || (m.groups?.length ?? 0) > 0) return null;
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        plan.conditions.push(m.constraints[0] as PropertyPlan['conditions'][number]);
      } else if (m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED) {
        for (const c of storage.getTargetValidatorConstraints(m.constraintCls)) {
          if (c.async) return null;
          plan.checks.push({ validator: c.instance as ConstraintCheck['validator'], constraints: m.constraints });
        }
      } else if (m.type !== ValidationTypes.WHITELIST) {
        return null;
      }
    }
    plans.push(plan);
  }
  const allowed = new Set(plans.map((p) => p.name));
  return (object) => {
    for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
    for (const plan of plans) {
      const value = (object as Record<string, unknown>)[plan.name];
      if (!plan.conditions.every((condition) => condition(object, value))) continue;
      for (const check of plan.checks) {
        const args: ValidationArguments = {
          targetName: target.name,
          property: plan.name,
          object,
          value,
          constraints: check.constraints,
        };
        const valid = check.validator.validate(value, args);
        if (!valid || valid instanceof Promise) return false;
      }
    }
    return true;
  };
}

/**
 * The ValidationPipe with a fast path: a DTO that passes its compiled acceptance check (nearly every
 * request) skips class-validator; anything else — every invalid body — is validated by class-validator
 * as before, so the 400 and its field messages are exactly class-validator's. Transformation
 * (class-transformer) is unchanged.
 */
class CompiledValidationPipe extends ValidationPipe {
  private readonly acceptance = new Map<unknown, ((object: object) => boolean) | null>();

  /**
   * Before validation, for every body, query and path parameter: no NUL character in any string
   * (PostgreSQL cannot store one), no nesting beyond MAX_JSON_DEPTH (the Fastify JSON parser rejects
   * deeper bodies before parsing; this covers every other source), and a body validated by a DTO is
   * a JSON object. Each answer is a 400 naming the field.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const root = metadata.data ?? metadata.type;
      const errors = inputFieldErrors(value, root);
      if (errors.length > 0) throw new RequestValidationException(errors);
      if (metadata.type === 'body' && metadata.data === undefined && value !== undefined && !isJsonObject(value)) {
        throw new RequestValidationException([{ field: 'body', messages: ['body must be a JSON object'] }]);
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }

  protected override validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> | ValidationError[] {
    const target = object.constructor as new (...args: never[]) => object;
    let accepts = this.acceptance.get(target);
    if (accepts === undefined) {
      accepts = compileAcceptance(target);
      this.acceptance.set(target, accepts);
    }
    return accepts?.(object) ? [] : super.validate(object, options);
  }
}

/** Whitelisting validation: unknown properties are rejected and every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new CompiledValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationException(flatten(errors)),
  });
}
