/** One choice of a select or checkbox prompt; `disabled` with a reason shows it greyed out. */
export interface PromptChoice<Value> {
  name: string;
  value: Value;
  description?: string;
  disabled?: boolean | string;
  checked?: boolean;
}

/**
 * The few questions the CLI asks, behind an interface so flows are tested without a terminal.
 * Implementations throw InterruptedError when the user presses Ctrl-C.
 */
export interface Prompter {
  select<Value>(config: { message: string; choices: PromptChoice<Value>[]; default?: Value; pageSize?: number }): Promise<Value>;
  checkbox<Value>(config: { message: string; choices: PromptChoice<Value>[]; required?: boolean; pageSize?: number }): Promise<Value[]>;
  input(config: { message: string; validate?: (value: string) => boolean | string | Promise<boolean | string> }): Promise<string>;
}

/** The questions `init` asks besides the picker's: a hidden key, a yes/no. */
export interface InitPrompter extends Prompter {
  /** Reads a secret without echoing it (not even as `*`), never kept in any history. */
  password(config: { message: string; validate?: (value: string) => boolean | string }): Promise<string>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
}
