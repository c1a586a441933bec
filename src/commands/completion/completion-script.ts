/** What a completion script offers: each subcommand with its flags, the program's flags, model ids. */
export interface CompletionWords {
  programOptions: string[];
  commands: { name: string; options: string[] }[];
  modelIds: string[];
}

const words = (list: readonly string[]) => list.join(' ');

function bash({ programOptions, commands, modelIds }: CompletionWords): string {
  const cases = commands.map((command) => `    ${command.name}) opts="${words(command.options)}" ;;`).join('\n');
  return `# wechat-writer completion for bash: eval "$(wechat-writer completion bash)" in ~/.bashrc
_wechat_writer() {
  local cur prev command opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  command=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${commands.map((command) => command.name).join('|')}) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
    -m|--models|--judge|--fallback)
      # model ids hold ':', which bash splits words on: complete the whole id, hand back what follows the last ':'
      local typed="\${COMP_LINE:0:COMP_POINT}"
      typed="\${typed##* }"
      COMPREPLY=($(compgen -W "${words(modelIds)} all" -- "$typed"))
      [[ "$typed" == *:* ]] && COMPREPLY=("\${COMPREPLY[@]#\${typed%:*}:}")
      return ;;
    --lang) COMPREPLY=($(compgen -W "zh-CN en" -- "$cur")); return ;;
    -p|--prompt|--prompts|-s|--system|-o|--out|-c|--config|--report) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$command" in
${cases}
    *) opts="${words(programOptions)} ${commands.map((command) => command.name).join(' ')}" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o default -F _wechat_writer wechat-writer
`;
}

function zsh(completion: CompletionWords): string {
  return `#compdef wechat-writer
# wechat-writer completion for zsh: eval "$(wechat-writer completion zsh)" in ~/.zshrc
autoload -U +X bashcompinit && bashcompinit
${bash(completion).split('\n').slice(1).join('\n')}`;
}

function fish({ programOptions, commands, modelIds }: CompletionWords): string {
  const flag = (option: string) => (option.startsWith('--') ? `-l ${option.slice(2)}` : `-s ${option.slice(1)}`);
  const noCommand = `__fish_use_subcommand`;
  const lines = [
    '# wechat-writer completion for fish: wechat-writer completion fish > ~/.config/fish/completions/wechat-writer.fish',
    'complete -c wechat-writer -f',
    ...commands.map((command) => `complete -c wechat-writer -n ${noCommand} -a ${command.name}`),
    ...programOptions.map((option) => `complete -c wechat-writer -n ${noCommand} ${flag(option)}`),
    ...commands.flatMap((command) =>
      command.options.map((option) => `complete -c wechat-writer -n '__fish_seen_subcommand_from ${command.name}' ${flag(option)}`),
    ),
    `complete -c wechat-writer -s m -l models -l judge -l fallback -x -a '${words(modelIds)} all'`,
    `complete -c wechat-writer -l lang -x -a 'zh-CN en'`,
    'complete -c wechat-writer -s p -l prompt -l prompts -s s -l system -s o -l out -s c -l config -l report -r -F',
  ];
  return `${lines.join('\n')}\n`;
}

/** The completion script of `shell` (bash, zsh or fish), or null for another shell. */
export function completionScript(shell: string, completion: CompletionWords): string | null {
  if (shell === 'bash') return bash(completion);
  if (shell === 'zsh') return zsh(completion);
  if (shell === 'fish') return fish(completion);
  return null;
}
