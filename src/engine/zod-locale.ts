// Validation messages in Chinese for every zod schema that has no message of its own.
import { z } from 'zod';

z.config(z.locales.zhCN());
