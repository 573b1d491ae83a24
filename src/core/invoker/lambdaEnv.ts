// Lambda's rules for a function's environment variables, and the library paths it sets.
// Source: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html, "Defined runtime
// environment variables" (read 2026-11-27). The rejection message is Lambda's InvalidParameterValueException
// text as CloudFormation, Terraform and the CLI print it (e.g. github.com/aws/aws-cdk/pull/28048, 2023-11-17).
import * as path from 'path';
import type { InvocationError, RuntimeKind } from './types';

/** Keys Lambda reserves: a function's configuration cannot set them. */
export const RESERVED_ENV_KEYS: readonly string[] = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

/** Variables the invoker passes to its own bootstraps; they read and remove them before user code runs. */
export const PRIVATE_ENV_KEYS: readonly string[] = ['SL_HANDLER_FILE', 'SL_HANDLER_NAME', 'SL_CACHE_DIR', 'ELECTRON_RUN_AS_NODE'];

/** Lambda's answer when user configuration sets reserved keys; undefined when the environment is acceptable. */
export function checkUserEnv(env: Record<string, string> | undefined): InvocationError | undefined {
  const keys = Object.keys(env ?? {});
  const reserved = keys.filter((k) => RESERVED_ENV_KEYS.includes(k));
  if (reserved.length) {
    return {
      errorType: 'InvalidParameterValueException',
      errorMessage: `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    };
  }
  const own = keys.find((k) => PRIVATE_ENV_KEYS.includes(k));
  if (own !== undefined) {
    return { errorType: 'InvalidParameterValueException', errorMessage: `Environment variable ${own} is used by Serverless Lab's local invoker itself; rename yours.` };
  }
  return undefined;
}

/**
 * NODE_PATH, PYTHONPATH and LD_LIBRARY_PATH in Lambda's pattern: the runtime's directory, then the task root
 * and its lib/ folder. Lambda's /opt (layer) and /var/lang entries have no local counterpart and are left out.
 */
export function libraryPaths(runtime: RuntimeKind, taskRoot: string, runtimeDir: string): Record<string, string> {
  const sep = path.delimiter;
  const env: Record<string, string> = {
    LD_LIBRARY_PATH: [runtimeDir, path.join(runtimeDir, 'lib'), taskRoot, path.join(taskRoot, 'lib')].join(sep),
  };
  if (runtime === 'nodejs') env.NODE_PATH = path.join(runtimeDir, 'node_modules');
  if (runtime === 'python') env.PYTHONPATH = runtimeDir;
  return env;
}
