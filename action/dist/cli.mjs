#!/usr/bin/env node
import { createRequire as __clientleakCreateRequire } from "node:module";
const require = __clientleakCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target2, all) => {
  for (var name in all)
    __defProp(target2, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target2) => (target2 = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target2, "default", { value: mod, enumerable: true }) : target2,
  mod
));

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code2, message) {
        super(message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
        this.code = code2;
        this.exitCode = exitCode;
        this.nestedError = void 0;
      }
    };
    var InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message) {
        super(1, "commander.invalidArgument", message);
        Error.captureStackTrace(this, this.constructor);
        this.name = this.constructor.name;
      }
    };
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        this.description = description || "";
        this.variadic = false;
        this.parseArg = void 0;
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.argChoices = void 0;
        switch (name[0]) {
          case "<":
            this.required = true;
            this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = false;
            this._name = name.slice(1, -1);
            break;
          default:
            this.required = true;
            this._name = name;
            break;
        }
        if (this._name.endsWith("...")) {
          this.variadic = true;
          this._name = this._name.slice(0, -3);
        }
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        this.required = true;
        return this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        this.required = false;
        return this;
      }
    };
    function humanReadableArgName(arg) {
      const nameOutput = arg.name() + (arg.variadic === true ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports.Argument = Argument2;
    exports.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports) {
    var { humanReadableArgName } = require_argument();
    var Help2 = class {
      constructor() {
        this.helpWidth = void 0;
        this.minWidthToWrap = 40;
        this.sortSubcommands = false;
        this.sortOptions = false;
        this.showGlobalOptions = false;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        const visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden);
        const helpCommand = cmd._getHelpCommand();
        if (helpCommand && !helpCommand._hidden) {
          visibleCommands.push(helpCommand);
        }
        if (this.sortSubcommands) {
          visibleCommands.sort((a, b) => {
            return a.name().localeCompare(b.name());
          });
        }
        return visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        const getSortKey = (option) => {
          return option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        };
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        const visibleOptions = cmd.options.filter((option) => !option.hidden);
        const helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          const removeShort = helpOption.short && cmd._findOption(helpOption.short);
          const removeLong = helpOption.long && cmd._findOption(helpOption.long);
          if (!removeShort && !removeLong) {
            visibleOptions.push(helpOption);
          } else if (helpOption.long && !removeLong) {
            visibleOptions.push(
              cmd.createOption(helpOption.long, helpOption.description)
            );
          } else if (helpOption.short && !removeShort) {
            visibleOptions.push(
              cmd.createOption(helpOption.short, helpOption.description)
            );
          }
        }
        if (this.sortOptions) {
          visibleOptions.sort(this.compareOptions);
        }
        return visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        const globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          const visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        if (this.sortOptions) {
          globalOptions.sort(this.compareOptions);
        }
        return globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        if (cmd._argsDescription) {
          cmd.registeredArguments.forEach((argument) => {
            argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
          });
        }
        if (cmd.registeredArguments.find((argument) => argument.description)) {
          return cmd.registeredArguments;
        }
        return [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        const args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleSubcommandTerm(helper.subcommandTerm(command))
            )
          );
        }, 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
          return Math.max(
            max,
            this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
          );
        }, 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => {
          return Math.max(
            max,
            this.displayWidth(
              helper.styleArgumentTerm(helper.argumentTerm(argument))
            )
          );
        }, 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        if (cmd._aliases[0]) {
          cmdName = cmdName + "|" + cmd._aliases[0];
        }
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        }
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        const extraInfo = [];
        if (option.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (option.defaultValue !== void 0) {
          const showDefault = option.required || option.optional || option.isBoolean() && typeof option.defaultValue === "boolean";
          if (showDefault) {
            extraInfo.push(
              `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
            );
          }
        }
        if (option.presetArg !== void 0 && option.optional) {
          extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
        }
        if (option.envVar !== void 0) {
          extraInfo.push(`env: ${option.envVar}`);
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (option.description) {
            return `${option.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        const extraInfo = [];
        if (argument.argChoices) {
          extraInfo.push(
            // use stringify to match the display of the default value
            `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
          );
        }
        if (argument.defaultValue !== void 0) {
          extraInfo.push(
            `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
          );
        }
        if (extraInfo.length > 0) {
          const extraDescription = `(${extraInfo.join(", ")})`;
          if (argument.description) {
            return `${argument.description} ${extraDescription}`;
          }
          return extraDescription;
        }
        return argument.description;
      }
      /**
       * Format a list of items, given a heading and an array of formatted items.
       *
       * @param {string} heading
       * @param {string[]} items
       * @param {Help} helper
       * @returns string[]
       */
      formatItemList(heading2, items, helper) {
        if (items.length === 0) return [];
        return [helper.styleTitle(heading2), ...items, ""];
      }
      /**
       * Group items by their help group heading.
       *
       * @param {Command[] | Option[]} unsortedItems
       * @param {Command[] | Option[]} visibleItems
       * @param {Function} getGroup
       * @returns {Map<string, Command[] | Option[]>}
       */
      groupItems(unsortedItems, visibleItems, getGroup) {
        const result2 = /* @__PURE__ */ new Map();
        unsortedItems.forEach((item) => {
          const group = getGroup(item);
          if (!result2.has(group)) result2.set(group, []);
        });
        visibleItems.forEach((item) => {
          const group = getGroup(item);
          if (!result2.has(group)) {
            result2.set(group, []);
          }
          result2.get(group).push(item);
        });
        return result2;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        const termWidth = helper.padWidth(cmd, helper);
        const helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ];
        const commandDescription = helper.commandDescription(cmd);
        if (commandDescription.length > 0) {
          output = output.concat([
            helper.boxWrap(
              helper.styleCommandDescription(commandDescription),
              helpWidth
            ),
            ""
          ]);
        }
        const argumentList = helper.visibleArguments(cmd).map((argument) => {
          return callFormatItem(
            helper.styleArgumentTerm(helper.argumentTerm(argument)),
            helper.styleArgumentDescription(helper.argumentDescription(argument))
          );
        });
        output = output.concat(
          this.formatItemList("Arguments:", argumentList, helper)
        );
        const optionGroups = this.groupItems(
          cmd.options,
          helper.visibleOptions(cmd),
          (option) => option.helpGroupHeading ?? "Options:"
        );
        optionGroups.forEach((options, group) => {
          const optionList = options.map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(this.formatItemList(group, optionList, helper));
        });
        if (helper.showGlobalOptions) {
          const globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => {
            return callFormatItem(
              helper.styleOptionTerm(helper.optionTerm(option)),
              helper.styleOptionDescription(helper.optionDescription(option))
            );
          });
          output = output.concat(
            this.formatItemList("Global Options:", globalOptionList, helper)
          );
        }
        const commandGroups = this.groupItems(
          cmd.commands,
          helper.visibleCommands(cmd),
          (sub) => sub.helpGroup() || "Commands:"
        );
        commandGroups.forEach((commands, group) => {
          const commandList = commands.map((sub) => {
            return callFormatItem(
              helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
              helper.styleSubcommandDescription(helper.subcommandDescription(sub))
            );
          });
          output = output.concat(this.formatItemList(group, commandList, helper));
        });
        return output.join("\n");
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word === "[command]") return this.styleSubcommandText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleCommandText(word);
        }).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => {
          if (word === "[options]") return this.styleOptionText(word);
          if (word[0] === "[" || word[0] === "<")
            return this.styleArgumentText(word);
          return this.styleSubcommandText(word);
        }).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        const itemIndent = 2;
        const itemIndentStr = " ".repeat(itemIndent);
        if (!description) return itemIndentStr + term;
        const paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        );
        const spacerWidth = 2;
        const helpWidth = this.helpWidth ?? 80;
        const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
        let formattedDescription;
        if (remainingWidth < this.minWidthToWrap || helper.preformatted(description)) {
          formattedDescription = description;
        } else {
          const wrappedDescription = helper.boxWrap(description, remainingWidth);
          formattedDescription = wrappedDescription.replace(
            /\n/g,
            "\n" + " ".repeat(termWidth + spacerWidth)
          );
        }
        return itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        const rawLines = str.split(/\r\n|\n/);
        const chunkPattern = /[\s]*[^\s]+/g;
        const wrappedLines = [];
        rawLines.forEach((line) => {
          const chunks = line.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()];
          let sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            const visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk);
              sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            const nextChunk = chunk.trimStart();
            sumChunks = [nextChunk];
            sumWidth = this.displayWidth(nextChunk);
          });
          wrappedLines.push(sumChunks.join(""));
        });
        return wrappedLines.join("\n");
      }
    };
    function stripColor(str) {
      const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports.Help = Help2;
    exports.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags;
        this.description = description || "";
        this.required = flags.includes("<");
        this.optional = flags.includes("[");
        this.variadic = /\w\.\.\.[>\]]$/.test(flags);
        this.mandatory = false;
        const optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag;
        this.long = optionFlags.longFlag;
        this.negate = false;
        if (this.long) {
          this.negate = this.long.startsWith("--no-");
        }
        this.defaultValue = void 0;
        this.defaultValueDescription = void 0;
        this.presetArg = void 0;
        this.envVar = void 0;
        this.parseArg = void 0;
        this.hidden = false;
        this.argChoices = void 0;
        this.conflictsWith = [];
        this.implied = void 0;
        this.helpGroupHeading = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        this.defaultValue = value;
        this.defaultValueDescription = description;
        return this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        this.presetArg = arg;
        return this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        this.conflictsWith = this.conflictsWith.concat(names);
        return this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        if (typeof impliedOptionValues === "string") {
          newImplied = { [impliedOptionValues]: true };
        }
        this.implied = Object.assign(this.implied || {}, newImplied);
        return this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        this.envVar = name;
        return this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        this.parseArg = fn;
        return this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = true) {
        this.mandatory = !!mandatory;
        return this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = true) {
        this.hidden = !!hide;
        return this;
      }
      /**
       * @package
       */
      _collectValue(value, previous) {
        if (previous === this.defaultValue || !Array.isArray(previous)) {
          return [value];
        }
        previous.push(value);
        return previous;
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        this.argChoices = values.slice();
        this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg)) {
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          }
          if (this.variadic) {
            return this._collectValue(arg, previous);
          }
          return arg;
        };
        return this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        if (this.long) {
          return this.long.replace(/^--/, "");
        }
        return this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        if (this.negate) {
          return camelcase(this.name().replace(/^no-/, ""));
        }
        return camelcase(this.name());
      }
      /**
       * Set the help group heading.
       *
       * @param {string} heading
       * @return {Option}
       */
      helpGroup(heading2) {
        this.helpGroupHeading = heading2;
        return this;
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    };
    var DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map();
        this.negativeOptions = /* @__PURE__ */ new Map();
        this.dualOptions = /* @__PURE__ */ new Set();
        options.forEach((option) => {
          if (option.negate) {
            this.negativeOptions.set(option.attributeName(), option);
          } else {
            this.positiveOptions.set(option.attributeName(), option);
          }
        });
        this.negativeOptions.forEach((value, key) => {
          if (this.positiveOptions.has(key)) {
            this.dualOptions.add(key);
          }
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        const optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return true;
        const preset = this.negativeOptions.get(optionKey).presetArg;
        const negativeValue = preset !== void 0 ? preset : false;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => {
        return str2 + word[0].toUpperCase() + word.slice(1);
      });
    }
    function splitOptionFlags(flags) {
      let shortFlag;
      let longFlag;
      const shortFlagExp = /^-[^-]$/;
      const longFlagExp = /^--[^-]/;
      const flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
      if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
      if (!shortFlag && shortFlagExp.test(flagParts[0]))
        shortFlag = flagParts.shift();
      if (!shortFlag && longFlagExp.test(flagParts[0])) {
        shortFlag = longFlag;
        longFlag = flagParts.shift();
      }
      if (flagParts[0].startsWith("-")) {
        const unsupportedFlag = flagParts[0];
        const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        if (/^-[^-][^-]/.test(unsupportedFlag))
          throw new Error(
            `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
          );
        if (shortFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many short flags`);
        if (longFlagExp.test(unsupportedFlag))
          throw new Error(`${baseError}
- too many long flags`);
        throw new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports.Option = Option2;
    exports.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports) {
    var maxDistance = 3;
    function editDistance2(a, b) {
      if (Math.abs(a.length - b.length) > maxDistance)
        return Math.max(a.length, b.length);
      const d = [];
      for (let i = 0; i <= a.length; i++) {
        d[i] = [i];
      }
      for (let j = 0; j <= b.length; j++) {
        d[0][j] = j;
      }
      for (let j = 1; j <= b.length; j++) {
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          if (a[i - 1] === b[j - 1]) {
            cost = 0;
          } else {
            cost = 1;
          }
          d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
            d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
          }
        }
      }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      const searchingOptions = word.startsWith("--");
      if (searchingOptions) {
        word = word.slice(2);
        candidates = candidates.map((candidate) => candidate.slice(2));
      }
      let similar = [];
      let bestDistance = maxDistance;
      const minSimilarity = 0.4;
      candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        const distance = editDistance2(word, candidate);
        const length = Math.max(word.length, candidate.length);
        const similarity = (length - distance) / length;
        if (similarity > minSimilarity) {
          if (distance < bestDistance) {
            bestDistance = distance;
            similar = [candidate];
          } else if (distance === bestDistance) {
            similar.push(candidate);
          }
        }
      });
      similar.sort((a, b) => a.localeCompare(b));
      if (searchingOptions) {
        similar = similar.map((candidate) => `--${candidate}`);
      }
      if (similar.length > 1) {
        return `
(Did you mean one of ${similar.join(", ")}?)`;
      }
      if (similar.length === 1) {
        return `
(Did you mean ${similar[0]}?)`;
      }
      return "";
    }
    exports.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports) {
    var EventEmitter = __require("node:events").EventEmitter;
    var childProcess = __require("node:child_process");
    var path18 = __require("node:path");
    var fs2 = __require("node:fs");
    var process2 = __require("node:process");
    var { Argument: Argument2, humanReadableArgName } = require_argument();
    var { CommanderError: CommanderError2 } = require_error();
    var { Help: Help2, stripColor } = require_help();
    var { Option: Option2, DualOptions } = require_option();
    var { suggestSimilar } = require_suggestSimilar();
    var Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super();
        this.commands = [];
        this.options = [];
        this.parent = null;
        this._allowUnknownOption = false;
        this._allowExcessArguments = false;
        this.registeredArguments = [];
        this._args = this.registeredArguments;
        this.args = [];
        this.rawArgs = [];
        this.processedArgs = [];
        this._scriptPath = null;
        this._name = name || "";
        this._optionValues = {};
        this._optionValueSources = {};
        this._storeOptionsAsProperties = false;
        this._actionHandler = null;
        this._executableHandler = false;
        this._executableFile = null;
        this._executableDir = null;
        this._defaultCommandName = null;
        this._exitCallback = null;
        this._aliases = [];
        this._combineFlagAndOptionalValue = true;
        this._description = "";
        this._summary = "";
        this._argsDescription = void 0;
        this._enablePositionalOptions = false;
        this._passThroughOptions = false;
        this._lifeCycleHooks = {};
        this._showHelpAfterError = false;
        this._showSuggestionAfterError = true;
        this._savedState = null;
        this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor2() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor2() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        };
        this._hidden = false;
        this._helpOption = void 0;
        this._addImplicitHelpCommand = void 0;
        this._helpCommand = void 0;
        this._helpConfiguration = {};
        this._helpGroupHeading = void 0;
        this._defaultCommandGroup = void 0;
        this._defaultOptionGroup = void 0;
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        this._outputConfiguration = sourceCommand._outputConfiguration;
        this._helpOption = sourceCommand._helpOption;
        this._helpCommand = sourceCommand._helpCommand;
        this._helpConfiguration = sourceCommand._helpConfiguration;
        this._exitCallback = sourceCommand._exitCallback;
        this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
        this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue;
        this._allowExcessArguments = sourceCommand._allowExcessArguments;
        this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
        this._showHelpAfterError = sourceCommand._showHelpAfterError;
        this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;
        return this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        const result2 = [];
        for (let command = this; command; command = command.parent) {
          result2.push(command);
        }
        return result2;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc;
        let opts = execOpts;
        if (typeof desc === "object" && desc !== null) {
          opts = desc;
          desc = null;
        }
        opts = opts || {};
        const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const cmd = this.createCommand(name);
        if (desc) {
          cmd.description(desc);
          cmd._executableHandler = true;
        }
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        cmd._hidden = !!(opts.noHelp || opts.hidden);
        cmd._executableFile = opts.executableFile || null;
        if (args) cmd.arguments(args);
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd.copyInheritedSettings(this);
        if (desc) return this;
        return cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        if (configuration === void 0) return this._helpConfiguration;
        this._helpConfiguration = configuration;
        return this;
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        if (configuration === void 0) return this._outputConfiguration;
        this._outputConfiguration = {
          ...this._outputConfiguration,
          ...configuration
        };
        return this;
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = true) {
        if (typeof displayHelp !== "string") displayHelp = !!displayHelp;
        this._showHelpAfterError = displayHelp;
        return this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = true) {
        this._showSuggestionAfterError = !!displaySuggestion;
        return this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name) {
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        }
        opts = opts || {};
        if (opts.isDefault) this._defaultCommandName = cmd._name;
        if (opts.noHelp || opts.hidden) cmd._hidden = true;
        this._registerCommand(cmd);
        cmd.parent = this;
        cmd._checkForBrokenPassThrough();
        return this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom argument processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, parseArg, defaultValue) {
        const argument = this.createArgument(name, description);
        if (typeof parseArg === "function") {
          argument.default(defaultValue).argParser(parseArg);
        } else {
          argument.default(parseArg);
        }
        this.addArgument(argument);
        return this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        });
        return this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        const previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument?.variadic) {
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        }
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0) {
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        }
        this.registeredArguments.push(argument);
        return this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs === "boolean") {
          this._addImplicitHelpCommand = enableOrNameAndArgs;
          if (enableOrNameAndArgs && this._defaultCommandGroup) {
            this._initCommandGroup(this._getHelpCommand());
          }
          return this;
        }
        const nameAndArgs = enableOrNameAndArgs ?? "help [command]";
        const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
        const helpDescription = description ?? "display help for command";
        const helpCommand = this.createCommand(helpName);
        helpCommand.helpOption(false);
        if (helpArgs) helpCommand.arguments(helpArgs);
        if (helpDescription) helpCommand.description(helpDescription);
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        if (typeof helpCommand !== "object") {
          this.helpCommand(helpCommand, deprecatedDescription);
          return this;
        }
        this._addImplicitHelpCommand = true;
        this._helpCommand = helpCommand;
        this._initCommandGroup(helpCommand);
        return this;
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        const hasImplicitHelpCommand = this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help"));
        if (hasImplicitHelpCommand) {
          if (this._helpCommand === void 0) {
            this.helpCommand(void 0, void 0);
          }
          return this._helpCommand;
        }
        return null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        const allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event)) {
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        if (this._lifeCycleHooks[event]) {
          this._lifeCycleHooks[event].push(listener);
        } else {
          this._lifeCycleHooks[event] = [listener];
        }
        return this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        if (fn) {
          this._exitCallback = fn;
        } else {
          this._exitCallback = (err) => {
            if (err.code !== "commander.executeSubCommandAsync") {
              throw err;
            } else {
            }
          };
        }
        return this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code2, message) {
        if (this._exitCallback) {
          this._exitCallback(new CommanderError2(exitCode, code2, message));
        }
        process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        const listener = (args) => {
          const expectedArgsCount = this.registeredArguments.length;
          const actionArgs = args.slice(0, expectedArgsCount);
          if (this._storeOptionsAsProperties) {
            actionArgs[expectedArgsCount] = this;
          } else {
            actionArgs[expectedArgsCount] = this.opts();
          }
          actionArgs.push(this);
          return fn.apply(this, actionArgs);
        };
        this._actionHandler = listener;
        return this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target2, value, previous, invalidArgumentMessage) {
        try {
          return target2.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            const message = `${invalidArgumentMessage} ${err.message}`;
            this.error(message, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        const matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          const matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this._initOptionGroup(option);
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        const knownBy = (cmd) => {
          return [cmd.name()].concat(cmd.aliases());
        };
        const alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          const existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|");
          const newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this._initCommandGroup(command);
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        const oname = option.name();
        const name = option.attributeName();
        if (option.negate) {
          const positiveLongFlag = option.long.replace(/^--no-/, "--");
          if (!this._findOption(positiveLongFlag)) {
            this.setOptionValueWithSource(
              name,
              option.defaultValue === void 0 ? true : option.defaultValue,
              "default"
            );
          }
        } else if (option.defaultValue !== void 0) {
          this.setOptionValueWithSource(name, option.defaultValue, "default");
        }
        const handleOptionValue = (val, invalidValueMessage, valueSource) => {
          if (val == null && option.presetArg !== void 0) {
            val = option.presetArg;
          }
          const oldValue = this.getOptionValue(name);
          if (val !== null && option.parseArg) {
            val = this._callParseArg(option, val, oldValue, invalidValueMessage);
          } else if (val !== null && option.variadic) {
            val = option._collectValue(val, oldValue);
          }
          if (val == null) {
            if (option.negate) {
              val = false;
            } else if (option.isBoolean() || option.optional) {
              val = true;
            } else {
              val = "";
            }
          }
          this.setOptionValueWithSource(name, val, valueSource);
        };
        this.on("option:" + oname, (val) => {
          const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        });
        if (option.envVar) {
          this.on("optionEnv:" + oname, (val) => {
            const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
            handleOptionValue(val, invalidValueMessage, "env");
          });
        }
        return this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags === "object" && flags instanceof Option2) {
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        }
        const option = this.createOption(flags, description);
        option.makeOptionMandatory(!!config.mandatory);
        if (typeof fn === "function") {
          option.default(defaultValue).argParser(fn);
        } else if (fn instanceof RegExp) {
          const regex = fn;
          fn = (val, def) => {
            const m = regex.exec(val);
            return m ? m[0] : def;
          };
          option.default(defaultValue).argParser(fn);
        } else {
          option.default(fn);
        }
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: true },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = true) {
        this._combineFlagAndOptionalValue = !!combine;
        return this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = true) {
        this._allowUnknownOption = !!allowUnknown;
        return this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = true) {
        this._allowExcessArguments = !!allowExcess;
        return this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = true) {
        this._enablePositionalOptions = !!positional;
        return this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = true) {
        this._passThroughOptions = !!passThrough;
        this._checkForBrokenPassThrough();
        return this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions) {
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
        }
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = true) {
        if (this.options.length) {
          throw new Error("call .storeOptionsAsProperties() before adding options");
        }
        if (Object.keys(this._optionValues).length) {
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        }
        this._storeOptionsAsProperties = !!storeAsProperties;
        return this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key) {
        if (this._storeOptionsAsProperties) {
          return this[key];
        }
        return this._optionValues[key];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key, value) {
        return this.setOptionValueWithSource(key, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key, value, source) {
        if (this._storeOptionsAsProperties) {
          this[key] = value;
        } else {
          this._optionValues[key] = value;
        }
        this._optionValueSources[key] = source;
        return this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key) {
        return this._optionValueSources[key];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key) {
        let source;
        this._getCommandAndAncestors().forEach((cmd) => {
          if (cmd.getOptionValueSource(key) !== void 0) {
            source = cmd.getOptionValueSource(key);
          }
        });
        return source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv)) {
          throw new Error("first parameter to parse must be array or undefined");
        }
        parseOptions = parseOptions || {};
        if (argv === void 0 && parseOptions.from === void 0) {
          if (process2.versions?.electron) {
            parseOptions.from = "electron";
          }
          const execArgv = process2.execArgv ?? [];
          if (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) {
            parseOptions.from = "eval";
          }
        }
        if (argv === void 0) {
          argv = process2.argv;
        }
        this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1];
            userArgs = argv.slice(2);
            break;
          case "electron":
            if (process2.defaultApp) {
              this._scriptPath = argv[1];
              userArgs = argv.slice(2);
            } else {
              userArgs = argv.slice(1);
            }
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        if (!this._name && this._scriptPath)
          this.nameFromFilename(this._scriptPath);
        this._name = this._name || "program";
        return userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        this._parseCommand([], userArgs);
        return this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        const userArgs = this._prepareUserArgs(argv, parseOptions);
        await this._parseCommand([], userArgs);
        return this;
      }
      _prepareForParse() {
        if (this._savedState === null) {
          this.saveStateBeforeParse();
        } else {
          this.restoreStateBeforeParse();
        }
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name;
        this._scriptPath = null;
        this.rawArgs = [];
        this._optionValues = { ...this._savedState._optionValues };
        this._optionValueSources = { ...this._savedState._optionValueSources };
        this.args = [];
        this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs2.existsSync(executableFile)) return;
        const executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory";
        const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = false;
        const sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          const localBin = path18.resolve(baseDir, baseName);
          if (fs2.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path18.extname(baseName))) return void 0;
          const foundExt = sourceExt.find(
            (ext) => fs2.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
          return void 0;
        }
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`;
        let executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs2.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path18.resolve(
            path18.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            const legacyName = path18.basename(
              this._scriptPath,
              path18.extname(this._scriptPath)
            );
            if (legacyName !== this._name) {
              localFile = findFile(
                executableDir,
                `${legacyName}-${subcommand._name}`
              );
            }
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path18.extname(executableFile));
        let proc;
        if (process2.platform !== "win32") {
          if (launchWithNode) {
            args.unshift(executableFile);
            args = incrementNodeInspectorPort(process2.execArgv).concat(args);
            proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" });
          } else {
            proc = childProcess.spawn(executableFile, args, { stdio: "inherit" });
          }
        } else {
          this._checkForMissingExecutable(
            executableFile,
            executableDir,
            subcommand._name
          );
          args.unshift(executableFile);
          args = incrementNodeInspectorPort(process2.execArgv).concat(args);
          proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" });
        }
        if (!proc.killed) {
          const signals = ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"];
          signals.forEach((signal) => {
            process2.on(signal, () => {
              if (proc.killed === false && proc.exitCode === null) {
                proc.kill(signal);
              }
            });
          });
        }
        const exitCallback = this._exitCallback;
        proc.on("close", (code2) => {
          code2 = code2 ?? 1;
          if (!exitCallback) {
            process2.exit(code2);
          } else {
            exitCallback(
              new CommanderError2(
                code2,
                "commander.executeSubCommandAsync",
                "(close)"
              )
            );
          }
        });
        proc.on("error", (err) => {
          if (err.code === "ENOENT") {
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          } else if (err.code === "EACCES") {
            throw new Error(`'${executableFile}' not executable`);
          }
          if (!exitCallback) {
            process2.exit(1);
          } else {
            const wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err;
            exitCallback(wrappedError);
          }
        });
        this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        const subCommand = this._findCommand(commandName);
        if (!subCommand) this.help({ error: true });
        subCommand._prepareForParse();
        let promiseChain;
        promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        );
        promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler) {
            this._executeSubCommand(subCommand, operands.concat(unknown));
          } else {
            return subCommand._parseCommand(operands, unknown);
          }
        });
        return promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        if (!subcommandName) {
          this.help();
        }
        const subCommand = this._findCommand(subcommandName);
        if (subCommand && !subCommand._executableHandler) {
          subCommand.help();
        }
        return this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          if (arg.required && this.args[i] == null) {
            this.missingArgument(arg.name());
          }
        });
        if (this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) {
          return;
        }
        if (this.args.length > this.registeredArguments.length) {
          this._excessArguments(this.args);
        }
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        const myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        const processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          if (declaredArg.variadic) {
            if (index < this.args.length) {
              value = this.args.slice(index);
              if (declaredArg.parseArg) {
                value = value.reduce((processed, v) => {
                  return myParseArg(declaredArg, v, processed);
                }, declaredArg.defaultValue);
              }
            } else if (value === void 0) {
              value = [];
            }
          } else if (index < this.args.length) {
            value = this.args[index];
            if (declaredArg.parseArg) {
              value = myParseArg(declaredArg, value, declaredArg.defaultValue);
            }
          }
          processedArgs[index] = value;
        });
        this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        if (promise?.then && typeof promise.then === "function") {
          return promise.then(() => fn());
        }
        return fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result2 = promise;
        const hooks = [];
        this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        });
        if (event === "postAction") {
          hooks.reverse();
        }
        hooks.forEach((hookDetail) => {
          result2 = this._chainOrCall(result2, () => {
            return hookDetail.callback(hookDetail.hookedCommand, this);
          });
        });
        return result2;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result2 = promise;
        if (this._lifeCycleHooks[event] !== void 0) {
          this._lifeCycleHooks[event].forEach((hook) => {
            result2 = this._chainOrCall(result2, () => {
              return hook(this, subCommand);
            });
          });
        }
        return result2;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        const parsed = this.parseOptions(unknown);
        this._parseOptionsEnv();
        this._parseOptionsImplied();
        operands = operands.concat(parsed.operands);
        unknown = parsed.unknown;
        this.args = operands.concat(unknown);
        if (operands && this._findCommand(operands[0])) {
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        }
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name()) {
          return this._dispatchHelpCommand(operands[1]);
        }
        if (this._defaultCommandName) {
          this._outputHelpIfRequested(unknown);
          return this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        }
        if (this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName) {
          this.help({ error: true });
        }
        this._outputHelpIfRequested(parsed.unknown);
        this._checkForMissingMandatoryOptions();
        this._checkForConflictingOptions();
        const checkForUnknownOptions = () => {
          if (parsed.unknown.length > 0) {
            this.unknownOption(parsed.unknown[0]);
          }
        };
        const commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions();
          this._processArguments();
          let promiseChain;
          promiseChain = this._chainOrCallHooks(promiseChain, "preAction");
          promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          );
          if (this.parent) {
            promiseChain = this._chainOrCall(promiseChain, () => {
              this.parent.emit(commandEvent, operands, unknown);
            });
          }
          promiseChain = this._chainOrCallHooks(promiseChain, "postAction");
          return promiseChain;
        }
        if (this.parent?.listenerCount(commandEvent)) {
          checkForUnknownOptions();
          this._processArguments();
          this.parent.emit(commandEvent, operands, unknown);
        } else if (operands.length) {
          if (this._findCommand("*")) {
            return this._dispatchSubcommand("*", operands, unknown);
          }
          if (this.listenerCount("command:*")) {
            this.emit("command:*", operands, unknown);
          } else if (this.commands.length) {
            this.unknownCommand();
          } else {
            checkForUnknownOptions();
            this._processArguments();
          }
        } else if (this.commands.length) {
          checkForUnknownOptions();
          this.help({ error: true });
        } else {
          checkForUnknownOptions();
          this._processArguments();
        }
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (!name) return void 0;
        return this.commands.find(
          (cmd) => cmd._name === name || cmd._aliases.includes(name)
        );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            if (anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0) {
              cmd.missingMandatoryOptionValue(anOption);
            }
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        const definedNonDefaultOptions = this.options.filter((option) => {
          const optionKey = option.attributeName();
          if (this.getOptionValue(optionKey) === void 0) {
            return false;
          }
          return this.getOptionValueSource(optionKey) !== "default";
        });
        const optionsWithConflicting = definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        );
        optionsWithConflicting.forEach((option) => {
          const conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          if (conflictingAndDefined) {
            this._conflictingOption(option, conflictingAndDefined);
          }
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} args
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(args) {
        const operands = [];
        const unknown = [];
        let dest = operands;
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        const negativeNumberArg = (arg) => {
          if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
          return !this._getCommandAndAncestors().some(
            (cmd) => cmd.options.map((opt) => opt.short).some((short) => /^-\d$/.test(short))
          );
        };
        let activeVariadicOption = null;
        let activeGroup = null;
        let i = 0;
        while (i < args.length || activeGroup) {
          const arg = activeGroup ?? args[i++];
          activeGroup = null;
          if (arg === "--") {
            if (dest === unknown) dest.push(arg);
            dest.push(...args.slice(i));
            break;
          }
          if (activeVariadicOption && (!maybeOption(arg) || negativeNumberArg(arg))) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          activeVariadicOption = null;
          if (maybeOption(arg)) {
            const option = this._findOption(arg);
            if (option) {
              if (option.required) {
                const value = args[i++];
                if (value === void 0) this.optionMissingArgument(option);
                this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                if (i < args.length && (!maybeOption(args[i]) || negativeNumberArg(args[i]))) {
                  value = args[i++];
                }
                this.emit(`option:${option.name()}`, value);
              } else {
                this.emit(`option:${option.name()}`);
              }
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            const option = this._findOption(`-${arg[1]}`);
            if (option) {
              if (option.required || option.optional && this._combineFlagAndOptionalValue) {
                this.emit(`option:${option.name()}`, arg.slice(2));
              } else {
                this.emit(`option:${option.name()}`);
                activeGroup = `-${arg.slice(2)}`;
              }
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            const index = arg.indexOf("=");
            const option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (dest === operands && maybeOption(arg) && !(this.commands.length === 0 && negativeNumberArg(arg))) {
            dest = unknown;
          }
          if ((this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg);
              unknown.push(...args.slice(i));
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg, ...args.slice(i));
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg, ...args.slice(i));
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg, ...args.slice(i));
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          const result2 = {};
          const len = this.options.length;
          for (let i = 0; i < len; i++) {
            const key = this.options[i].attributeName();
            result2[key] = key === this._versionOptionName ? this._version : this[key];
          }
          return result2;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message, errorOptions) {
        this._outputConfiguration.outputError(
          `${message}
`,
          this._outputConfiguration.writeErr
        );
        if (typeof this._showHelpAfterError === "string") {
          this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`);
        } else if (this._showHelpAfterError) {
          this._outputConfiguration.writeErr("\n");
          this.outputHelp({ error: true });
        }
        const config = errorOptions || {};
        const exitCode = config.exitCode || 1;
        const code2 = config.code || "commander.error";
        this._exit(exitCode, code2, message);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            const optionKey = option.attributeName();
            if (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) {
              if (option.required || option.optional) {
                this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]);
              } else {
                this.emit(`optionEnv:${option.name()}`);
              }
            }
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        const dualHelper = new DualOptions(this.options);
        const hasCustomOptionValue = (optionKey) => {
          return this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        };
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        const message = `error: missing required argument '${name}'`;
        this.error(message, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        const message = `error: option '${option.flags}' argument missing`;
        this.error(message, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        const message = `error: required option '${option.flags}' not specified`;
        this.error(message, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        const findBestOptionFromValue = (option2) => {
          const optionKey = option2.attributeName();
          const optionValue = this.getOptionValue(optionKey);
          const negativeOption = this.options.find(
            (target2) => target2.negate && optionKey === target2.attributeName()
          );
          const positiveOption = this.options.find(
            (target2) => !target2.negate && optionKey === target2.attributeName()
          );
          if (negativeOption && (negativeOption.presetArg === void 0 && optionValue === false || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg)) {
            return negativeOption;
          }
          return positiveOption || option2;
        };
        const getErrorMessage = (option2) => {
          const bestOption = findBestOptionFromValue(option2);
          const optionKey = bestOption.attributeName();
          const source = this.getOptionValueSource(optionKey);
          if (source === "env") {
            return `environment variable '${bestOption.envVar}'`;
          }
          return `option '${bestOption.flags}'`;
        };
        const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [];
          let command = this;
          do {
            const moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags);
            command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag, candidateFlags);
        }
        const message = `error: unknown option '${flag}'${suggestion}`;
        this.error(message, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        const expected = this.registeredArguments.length;
        const s = expected === 1 ? "" : "s";
        const forSubcommand = this.parent ? ` for '${this.name()}'` : "";
        const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        const unknownName = this.args[0];
        let suggestion = "";
        if (this._showSuggestionAfterError) {
          const candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name());
            if (command.alias()) candidateNames.push(command.alias());
          });
          suggestion = suggestSimilar(unknownName, candidateNames);
        }
        const message = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str;
        flags = flags || "-V, --version";
        description = description || "output the version number";
        const versionOption = this.createOption(flags, description);
        this._versionOptionName = versionOption.attributeName();
        this._registerOption(versionOption);
        this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`);
          this._exit(0, "commander.version", str);
        });
        return this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        if (str === void 0 && argsDescription === void 0)
          return this._description;
        this._description = str;
        if (argsDescription) {
          this._argsDescription = argsDescription;
        }
        return this;
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        if (str === void 0) return this._summary;
        this._summary = str;
        return this;
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler) {
          command = this.commands[this.commands.length - 1];
        }
        if (alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        const matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          const existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        command._aliases.push(alias);
        return this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        if (aliases === void 0) return this._aliases;
        aliases.forEach((alias) => this.alias(alias));
        return this;
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          const args = this.registeredArguments.map((arg) => {
            return humanReadableArgName(arg);
          });
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        this._usage = str;
        return this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        if (str === void 0) return this._name;
        this._name = str;
        return this;
      }
      /**
       * Set/get the help group heading for this subcommand in parent command's help.
       *
       * @param {string} [heading]
       * @return {Command | string}
       */
      helpGroup(heading2) {
        if (heading2 === void 0) return this._helpGroupHeading ?? "";
        this._helpGroupHeading = heading2;
        return this;
      }
      /**
       * Set/get the default help group heading for subcommands added to this command.
       * (This does not override a group set directly on the subcommand using .helpGroup().)
       *
       * @example
       * program.commandsGroup('Development Commands:);
       * program.command('watch')...
       * program.command('lint')...
       * ...
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      commandsGroup(heading2) {
        if (heading2 === void 0) return this._defaultCommandGroup ?? "";
        this._defaultCommandGroup = heading2;
        return this;
      }
      /**
       * Set/get the default help group heading for options added to this command.
       * (This does not override a group set directly on the option using .helpGroup().)
       *
       * @example
       * program
       *   .optionsGroup('Development Options:')
       *   .option('-d, --debug', 'output extra debugging')
       *   .option('-p, --profile', 'output profiling information')
       *
       * @param {string} [heading]
       * @returns {Command | string}
       */
      optionsGroup(heading2) {
        if (heading2 === void 0) return this._defaultOptionGroup ?? "";
        this._defaultOptionGroup = heading2;
        return this;
      }
      /**
       * @param {Option} option
       * @private
       */
      _initOptionGroup(option) {
        if (this._defaultOptionGroup && !option.helpGroupHeading)
          option.helpGroup(this._defaultOptionGroup);
      }
      /**
       * @param {Command} cmd
       * @private
       */
      _initCommandGroup(cmd) {
        if (this._defaultCommandGroup && !cmd.helpGroup())
          cmd.helpGroup(this._defaultCommandGroup);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        this._name = path18.basename(filename, path18.extname(filename));
        return this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path19) {
        if (path19 === void 0) return this._executableDir;
        this._executableDir = path19;
        return this;
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        const helper = this.createHelp();
        const context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        const text = helper.formatHelp(this, helper);
        if (context.hasColors) return text;
        return this._outputConfiguration.stripColor(text);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        const error = !!contextOptions.error;
        let baseWrite;
        let hasColors;
        let helpWidth;
        if (error) {
          baseWrite = (str) => this._outputConfiguration.writeErr(str);
          hasColors = this._outputConfiguration.getErrHasColors();
          helpWidth = this._outputConfiguration.getErrHelpWidth();
        } else {
          baseWrite = (str) => this._outputConfiguration.writeOut(str);
          hasColors = this._outputConfiguration.getOutHasColors();
          helpWidth = this._outputConfiguration.getOutHelpWidth();
        }
        const write = (str) => {
          if (!hasColors) str = this._outputConfiguration.stripColor(str);
          return baseWrite(str);
        };
        return { error, write, hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        if (typeof contextOptions === "function") {
          deprecatedCallback = contextOptions;
          contextOptions = void 0;
        }
        const outputContext = this._getOutputContext(contextOptions);
        const eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext));
        this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback) {
          helpInformation = deprecatedCallback(helpInformation);
          if (typeof helpInformation !== "string" && !Buffer.isBuffer(helpInformation)) {
            throw new Error("outputHelp callback must return a string or a Buffer");
          }
        }
        outputContext.write(helpInformation);
        if (this._getHelpOption()?.long) {
          this.emit(this._getHelpOption().long);
        }
        this.emit("afterHelp", eventContext);
        this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        if (typeof flags === "boolean") {
          if (flags) {
            if (this._helpOption === null) this._helpOption = void 0;
            if (this._defaultOptionGroup) {
              this._initOptionGroup(this._getHelpOption());
            }
          } else {
            this._helpOption = null;
          }
          return this;
        }
        this._helpOption = this.createOption(
          flags ?? "-h, --help",
          description ?? "display help for command"
        );
        if (flags || description) this._initOptionGroup(this._helpOption);
        return this;
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        if (this._helpOption === void 0) {
          this.helpOption(void 0, void 0);
        }
        return this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        this._helpOption = option;
        this._initOptionGroup(option);
        return this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        if (exitCode === 0 && contextOptions && typeof contextOptions !== "function" && contextOptions.error) {
          exitCode = 1;
        }
        this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text) {
        const allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position)) {
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        }
        const helpEvent = `${position}Help`;
        this.on(helpEvent, (context) => {
          let helpStr;
          if (typeof text === "function") {
            helpStr = text({ error: context.error, command: context.command });
          } else {
            helpStr = text;
          }
          if (helpStr) {
            context.write(`${helpStr}
`);
          }
        });
        return this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        const helpOption = this._getHelpOption();
        const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
        if (helpRequested) {
          this.outputHelp();
          this._exit(0, "commander.helpDisplayed", "(outputHelp)");
        }
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect")) {
          return arg;
        }
        let debugOption;
        let debugHost = "127.0.0.1";
        let debugPort = "9229";
        let match;
        if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
          debugOption = match[1];
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null) {
          debugOption = match[1];
          if (/^\d+$/.test(match[3])) {
            debugPort = match[3];
          } else {
            debugHost = match[3];
          }
        } else if ((match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null) {
          debugOption = match[1];
          debugHost = match[3];
          debugPort = match[4];
        }
        if (debugOption && debugPort !== "0") {
          return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
        }
        return arg;
      });
    }
    function useColor2() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return false;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return true;
      return void 0;
    }
    exports.Command = Command2;
    exports.useColor = useColor2;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports) {
    var { Argument: Argument2 } = require_argument();
    var { Command: Command2 } = require_command();
    var { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error();
    var { Help: Help2 } = require_help();
    var { Option: Option2 } = require_option();
    exports.program = new Command2();
    exports.createCommand = (name) => new Command2(name);
    exports.createOption = (flags, description) => new Option2(flags, description);
    exports.createArgument = (name, description) => new Argument2(name, description);
    exports.Command = Command2;
    exports.Option = Option2;
    exports.Argument = Argument2;
    exports.Help = Help2;
    exports.CommanderError = CommanderError2;
    exports.InvalidArgumentError = InvalidArgumentError2;
    exports.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/findings/redact.ts
function publicPrefix(secret) {
  return PUBLIC_PREFIX.exec(secret)?.[0] ?? "";
}
function redactSecret(secret) {
  const prefix = publicPrefix(secret);
  const body = secret.slice(prefix.length).replace(PEM_FOOTER, "").replace(BODY_BREAKS, "");
  const shown = body.length >= MIN_BODY_TO_SHOW ? `${body.slice(0, SHOWN_EACH_END)}\u2026${body.slice(-SHOWN_EACH_END)}` : "\u2026";
  return `${prefix}${shown} (${secret.length} chars)`;
}
function describeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/"[^"\n]{0,10000}"|'[^'\n]{0,10000}'|`[^`\n]{0,10000}`/g, "<\u2026>").replace(/\s+/g, " ").slice(0, 200);
}
var PUBLIC_PREFIX, PEM_FOOTER, BODY_BREAKS, SHOWN_EACH_END, MIN_BODY_TO_SHOW;
var init_redact = __esm({
  "src/findings/redact.ts"() {
    "use strict";
    PUBLIC_PREFIX = /^(?:mb_sk_[a-z]{2,10}_|whsec_|AKIA|ASIA|ABIA|ACCA|AIza|GOOG1|-----BEGIN [A-Z0-9 ]{1,40}-----)/;
    PEM_FOOTER = /-----END [A-Z0-9 ]{1,40}-----$/;
    BODY_BREAKS = /\s|\\{1,4}[nr]/g;
    SHOWN_EACH_END = 2;
    MIN_BODY_TO_SHOW = 12;
  }
});

// src/text/compare.ts
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var init_compare = __esm({
  "src/text/compare.ts"() {
    "use strict";
  }
});

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars2) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars2.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append2 = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append2}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path18, { windows } = {}) => {
      const segs = path18.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan2 = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  code2 = advance();
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES) {
                  isGlob = token.isGlob = true;
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_LEFT_PARENTHESES) {
                backslashes = token.backslashes = true;
                code2 = advance();
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n = prevIndex ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value = input.slice(n, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (idx !== 0 || value !== "") {
            parts.push(value);
          }
          prevIndex = i;
        }
        if (prevIndex && prevIndex + 1 < input.length) {
          const value = input.slice(prevIndex + 1);
          parts.push(value);
          if (opts.tokens) {
            tokens[tokens.length - 1].value = value;
            depth(tokens[tokens.length - 1]);
            state.maxDepth += tokens[tokens.length - 1].depth;
          }
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan2;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var parse2 = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append2 = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append2(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse2(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars2, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars2.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars2.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append2({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append2({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append2({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && eos()) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse2.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse2;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan2 = require_scan();
    var parse2 = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch4 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch4(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch4.compileRe(glob, options) : picomatch4.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch4(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch4.test(input, regex, options, { glob, posix });
        const result2 = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result2);
        }
        if (isMatch === false) {
          result2.isMatch = false;
          return returnObject ? result2 : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result2);
          }
          result2.isMatch = false;
          return returnObject ? result2 : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result2);
        }
        return returnObject ? result2 : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch4.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch4.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch4.matchBase = (input, glob, options) => {
      const regex = glob instanceof RegExp ? glob : picomatch4.makeRe(glob, options);
      return regex.test(utils.basename(input));
    };
    picomatch4.isMatch = (str, patterns, options) => picomatch4(patterns, options)(str);
    picomatch4.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch4.parse(p, options));
      return parse2(pattern, { ...options, fastpaths: false });
    };
    picomatch4.scan = (input, options) => scan2(input, options);
    picomatch4.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append2 = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append2}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch4.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch4.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse2.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse2(input, options);
      }
      return picomatch4.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch4.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch4.constants = constants;
    module.exports = picomatch4;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch4(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch4, pico);
    module.exports = picomatch4;
  }
});

// src/text/line-index.ts
var LineIndex;
var init_line_index = __esm({
  "src/text/line-index.ts"() {
    "use strict";
    LineIndex = class {
      starts = [0];
      constructor(text) {
        for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) this.starts.push(nl + 1);
      }
      get lineCount() {
        return this.starts.length;
      }
      /** 1-based line and column (UTF-16 code units) of `offset`. */
      position(offset) {
        const starts = this.starts;
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
          const mid = low + high + 1 >>> 1;
          if (starts[mid] <= offset) low = mid;
          else high = mid - 1;
        }
        return { line: low + 1, column: offset - starts[low] + 1 };
      }
      /** Offset of the first character of a 1-based line. */
      lineStart(line) {
        return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
      }
    };
  }
});

// src/frameworks/public-env.ts
function publicFrameworkOf(name, frameworks = PUBLIC_ENV_FRAMEWORKS) {
  const candidates = frameworks === PUBLIC_ENV_FRAMEWORKS ? KNOWN_BY_PREFIX_LENGTH : byPrefixLength(frameworks);
  return candidates.find(
    (framework) => framework.exact ? name === framework.prefix : name.startsWith(framework.prefix)
  );
}
function isSecretLookingName(name) {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) && !PUBLIC_BY_DESIGN.test(upper);
}
var PUBLIC_ENV_FRAMEWORKS, byPrefixLength, KNOWN_BY_PREFIX_LENGTH, SECRET_NAME, PUBLIC_BY_DESIGN;
var init_public_env = __esm({
  "src/frameworks/public-env.ts"() {
    "use strict";
    PUBLIC_ENV_FRAMEWORKS = [
      {
        name: "Vite",
        prefix: "VITE_",
        mechanism: "inlines every VITE_ variable into the client bundle (import.meta.env)"
      },
      {
        name: "Next.js",
        prefix: "NEXT_PUBLIC_",
        mechanism: "inlines every NEXT_PUBLIC_ variable into the client bundle at next build"
      },
      {
        name: "Create React App",
        prefix: "REACT_APP_",
        mechanism: "inlines every REACT_APP_ variable into the client bundle (process.env)"
      },
      {
        name: "Nuxt",
        prefix: "NUXT_PUBLIC_",
        mechanism: "serialises NUXT_PUBLIC_ overrides of runtimeConfig.public into every page payload"
      },
      {
        name: "Expo",
        prefix: "EXPO_PUBLIC_",
        mechanism: "inlines every EXPO_PUBLIC_ variable into the app's JavaScript bundle"
      },
      {
        name: "SvelteKit/Astro",
        prefix: "PUBLIC_",
        mechanism: "sends every PUBLIC_ variable to the client ($env/static/public, import.meta.env)"
      },
      { name: "Gatsby", prefix: "GATSBY_", mechanism: "inlines every GATSBY_ variable into the client bundle" },
      {
        name: "Vue CLI",
        prefix: "VUE_APP_",
        mechanism: "inlines every VUE_APP_ variable into the client bundle"
      },
      {
        name: "@ngx-env (Angular)",
        prefix: "NG_APP_",
        mechanism: "inlines every NG_APP_ variable into the client bundle"
      },
      {
        name: "Storybook",
        prefix: "STORYBOOK_",
        mechanism: "inlines every STORYBOOK_ variable into the built Storybook"
      }
    ];
    byPrefixLength = (frameworks) => [...frameworks].sort((a, b) => b.prefix.length - a.prefix.length);
    KNOWN_BY_PREFIX_LENGTH = byPrefixLength(PUBLIC_ENV_FRAMEWORKS);
    SECRET_NAME = /(?:^|_)(?:(?:MEDBLOCKS|MB)_[A-Z0-9_]{0,40}(?:KEY|SECRET|TOKEN)|[A-Z0-9_]{0,40}(?:SECRET|PASSWORD|PASSWD|PRIVATE_KEY|SECRET_ACCESS_KEY|ACCOUNT_KEY|SERVICE_ROLE(?:_KEY)?|CLIENT_SECRET|WEBHOOK_SECRET|SIGNING_SECRET|SIGNING_KEY|CONNECTION_STRING|SAS_TOKEN))(?:_|$)/;
    PUBLIC_BY_DESIGN = /PUBLISHABLE|PUBLIC_KEY|CLIENT_ID|ANON_KEY|SITE_KEY|_URL$|_URI$|_HOST$|_ID$/;
  }
});

// src/match/entropy.ts
function shannonEntropy(value) {
  if (value.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function hasCharacterClasses(value, classes) {
  let seen = 0;
  if (/[a-z]/.test(value)) seen++;
  if (/[A-Z]/.test(value)) seen++;
  if (/[0-9]/.test(value)) seen++;
  if (/[^A-Za-z0-9]/.test(value)) seen++;
  return seen >= classes;
}
var init_entropy = __esm({
  "src/match/entropy.ts"() {
    "use strict";
  }
});

// src/match/placeholders.ts
function isAscendingRun(body) {
  if (body.length < 8) return false;
  let run2 = 1;
  for (let i = 1; i < body.length; i++) {
    run2 = body.charCodeAt(i) === body.charCodeAt(i - 1) + 1 ? run2 + 1 : 1;
    if (run2 >= 8) return true;
  }
  return false;
}
function isKnownSample(value) {
  return KNOWN_SAMPLES.has(value) || value.includes(DOC_ULID);
}
function isPlaceholder(value) {
  if (isKnownSample(value)) return true;
  if (ELISION.test(value)) return true;
  if (value.length <= WORD_CHECK_MAX_LENGTH && PLACEHOLDER_WORDS.test(value)) return true;
  if (LONG_RUN.test(value)) return true;
  return isAscendingRun(value);
}
var KNOWN_SAMPLES, DOC_ULID, ELISION, PLACEHOLDER_WORDS, WORD_CHECK_MAX_LENGTH, LONG_RUN;
var init_placeholders = __esm({
  "src/match/placeholders.ts"() {
    "use strict";
    KNOWN_SAMPLES = /* @__PURE__ */ new Set([
      "mb_sk_live_test",
      "whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789",
      "AKIAIOSFODNN7EXAMPLE",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      // Azurite / Azure storage emulator well-known account key.
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    ]);
    DOC_ULID = "01J9YR9N3X4VZ6P2K5RH7M3LMP";
    ELISION = /\.\.\.|…|<|>|\{\{|\$\{/;
    PLACEHOLDER_WORDS = /your|example|placeholder|changeme|change_me|dummy|fake|redacted|replace|sample|secret_here|key_here/i;
    WORD_CHECK_MAX_LENGTH = 128;
    LONG_RUN = /(.)\1{5}/;
  }
});

// src/rule-kit.ts
function isAstRule(rule) {
  return "visit" in rule;
}
function defineRule(rule) {
  if (!ID_SHAPE.test(rule.id)) throw new Error(`rule id "${rule.id}" must look like family/name`);
  if (!isAstRule(rule) && !/\(\?<secret>/.test(rule.pattern.source))
    throw new Error(`rule ${rule.id}: pattern needs a named group "secret"`);
  if (rule.keywords.length === 0) throw new Error(`rule ${rule.id}: at least one keyword is required`);
  return Object.freeze(rule);
}
var ID_SHAPE;
var init_rule_kit = __esm({
  "src/rule-kit.ts"() {
    "use strict";
    init_public_env();
    init_entropy();
    init_placeholders();
    ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
  }
});

// src/timing.ts
import { writeFileSync } from "node:fs";
import { performance as performance2 } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";
var StageTimer, target, timing;
var init_timing = __esm({
  "src/timing.ts"() {
    "use strict";
    StageTimer = class {
      totals = {};
      start() {
        return performance2.now();
      }
      /** Adds the time since `startedAt` (a value from `start()`) to `stage`. */
      stop(stage, startedAt) {
        this.totals[stage] = (this.totals[stage] ?? 0) + (performance2.now() - startedAt);
      }
      /** Adds totals measured elsewhere (a worker thread). */
      add(totals) {
        for (const [stage, ms] of Object.entries(totals)) this.totals[stage] = (this.totals[stage] ?? 0) + ms;
      }
      /** Returns the totals so far and starts again from zero (a worker hands them over per task). */
      take() {
        const taken = this.totals;
        this.totals = {};
        return taken;
      }
    };
    target = process.env.CLIENTLEAK_TIMING;
    timing = target ? new StageTimer() : void 0;
    if (timing && target && isMainThread) {
      process.on("exit", () => {
        const rounded = Object.fromEntries(
          Object.entries(timing.take()).map(([stage, ms]) => [stage, Math.round(ms * 10) / 10])
        );
        writeFileSync(target, `${JSON.stringify(rounded)}
`);
      });
    }
  }
});

// src/match/prefilter.ts
function escapeRegExp(literal) {
  return literal.replace(ESCAPE, "\\$&");
}
var ESCAPE, Prefilter;
var init_prefilter = __esm({
  "src/match/prefilter.ts"() {
    "use strict";
    init_compare();
    ESCAPE = /[.*+?^${}()|[\]\\]/g;
    Prefilter = class {
      constructor(keywordsPerRule, windows) {
        this.windows = windows;
        const owners = /* @__PURE__ */ new Map();
        keywordsPerRule.forEach((keywords2, ruleIndex) => {
          for (const keyword of keywords2) {
            const lower = keyword.toLowerCase();
            if (!owners.has(lower)) owners.set(lower, /* @__PURE__ */ new Set());
            owners.get(lower).add(ruleIndex);
          }
        });
        const keywords = [...owners.keys()].sort((a, b) => b.length - a.length || compareStrings(a, b));
        for (const keyword of keywords) {
          const rules6 = /* @__PURE__ */ new Set();
          for (const other of keywords)
            if (keyword.startsWith(other)) for (const r of owners.get(other)) rules6.add(r);
          this.rulesByKeyword.set(
            keyword,
            [...rules6].sort((a, b) => a - b)
          );
        }
        this.pattern = new RegExp(keywords.map(escapeRegExp).join("|") || "(?!)", "gi");
      }
      windows;
      pattern;
      /** Lower-cased keyword → indexes of rules that declare it, or a keyword that starts with it. */
      rulesByKeyword = /* @__PURE__ */ new Map();
      /**
       * For each rule with at least one keyword hit: the disjoint, sorted windows of text its pattern has to
       * look at. Dense hits (a file full of one keyword) merge into few windows, so the work stays linear.
       */
      candidateWindows(text) {
        const result2 = /* @__PURE__ */ new Map();
        const pattern = this.pattern;
        pattern.lastIndex = 0;
        for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
          const keyword = hit[0].toLowerCase();
          pattern.lastIndex = hit.index + 1;
          for (const ruleIndex of this.rulesByKeyword.get(keyword) ?? []) {
            const spec = this.windows[ruleIndex];
            const start = Math.max(0, hit.index - spec.before - 1);
            const end = Math.min(text.length, hit.index + keyword.length + spec.after + 1);
            const list = result2.get(ruleIndex) ?? [];
            if (list.length === 0) result2.set(ruleIndex, list);
            const last = list[list.length - 1];
            if (last && start <= last.end) last.end = Math.max(last.end, end);
            else list.push({ start, end });
          }
        }
        return result2;
      }
    };
  }
});

// src/match/engine.ts
function unique(flags) {
  return [...new Set(flags)].join("");
}
function applies(rule, facts) {
  if (rule.scope === "client" && !facts.isClient) return false;
  return !rule.fileKinds || rule.fileKinds.includes(facts.kind);
}
function matchFragment(fragment, compiled, facts) {
  const text = fragment.text;
  const candidates = [];
  const prefilterStarted = timing?.start() ?? 0;
  const { prefilter, ruleIndexes } = compiled.prefilterFor(facts.kind);
  const windowsByRule = prefilter.candidateWindows(text);
  timing?.stop("prefilter", prefilterStarted);
  const regexStarted = timing?.start() ?? 0;
  for (const [localIndex, windows] of windowsByRule) {
    const ruleIndex = ruleIndexes[localIndex];
    const rule = compiled.rules[ruleIndex];
    if (!applies(rule, facts)) continue;
    const pattern = compiled.pattern(ruleIndex);
    for (const window2 of windows) {
      const slice = text.slice(window2.start, window2.end);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(slice); match !== null; match = pattern.exec(slice)) {
        if (match[0].length === 0) pattern.lastIndex++;
        if (match.index === 0 && window2.start > 0) continue;
        const span = match.indices?.groups?.secret;
        const secret = match.groups?.secret;
        if (!span || secret === void 0 || secret.length === 0) continue;
        const candidate = judge(rule, fragment, facts, {
          secret,
          groups: match.groups ?? {},
          start: window2.start + span[0],
          end: window2.start + span[1],
          matchStart: window2.start + match.index,
          matchEnd: window2.start + match.index + match[0].length
        });
        if (candidate) candidates.push(candidate);
      }
    }
  }
  timing?.stop("regex", regexStarted);
  return candidates;
}
function judge(rule, fragment, facts, match) {
  if (!rule.allowPlaceholders && isPlaceholder(match.secret)) return void 0;
  if (rule.minEntropy !== void 0 && shannonEntropy(match.secret) < rule.minEntropy) return void 0;
  const text = fragment.text;
  const context = {
    publicEnv: facts.publicEnv ?? PUBLIC_ENV_FRAMEWORKS,
    secret: match.secret,
    groups: match.groups,
    text,
    index: match.matchStart,
    end: match.matchEnd,
    path: facts.path,
    kind: facts.kind,
    isClient: facts.isClient,
    ...fragment.keyPath === void 0 ? {} : { keyPath: fragment.keyPath },
    around: (radius) => aroundMatch(fragment, match, radius)
  };
  const verdict = rule.validate ? rule.validate(context) : true;
  if (verdict === false) return void 0;
  const adjust = verdict === true ? {} : verdict;
  return {
    rule,
    fragment,
    secret: rule.normalize ? rule.normalize(match.secret) : match.secret,
    start: match.start,
    end: match.end,
    severity: adjust.severity ?? rule.severity,
    title: adjust.title ?? rule.title,
    ...adjust.message === void 0 ? {} : { message: adjust.message },
    notes: [...fragment.notes ?? [], ...adjust.notes ?? []]
  };
}
function aroundMatch(fragment, match, radius) {
  const inFragment = fragment.text.slice(Math.max(0, match.matchStart - radius), match.matchEnd + radius);
  if (!fragment.map) return inFragment;
  const at = fragment.map.toSource(match.matchStart);
  const length = match.matchEnd - match.matchStart;
  return `${inFragment}
${fragment.source.text.slice(Math.max(0, at - radius), at + length + radius)}`;
}
var DEFAULT_WINDOW, CompiledRules;
var init_engine = __esm({
  "src/match/engine.ts"() {
    "use strict";
    init_public_env();
    init_rule_kit();
    init_timing();
    init_entropy();
    init_placeholders();
    init_prefilter();
    DEFAULT_WINDOW = { before: 64, after: 256 };
    CompiledRules = class {
      prefilters = /* @__PURE__ */ new Map();
      patterns;
      rules;
      /** Code-shape rules, run by match/visitors.ts on parsed JavaScript; their keywords gate them per file. */
      astRules;
      astPrefilter;
      constructor(allRules2) {
        const rules6 = allRules2.filter((rule) => !isAstRule(rule));
        this.rules = rules6;
        this.astRules = allRules2.filter(isAstRule);
        this.astPrefilter = new Prefilter(
          this.astRules.map((rule) => rule.keywords),
          this.astRules.map(() => ({ before: 0, after: 0 }))
        );
        this.patterns = rules6.map((rule) => new RegExp(rule.pattern.source, unique(`${rule.pattern.flags}gd`)));
      }
      /** ExtractHints: where one of these occurs, a code-shape rule can use a parse. */
      get shapeKeywords() {
        return this.astRules.flatMap((rule) => rule.keywords);
      }
      /**
       * The prefilter over the pattern rules that can apply to files of `kind`, built on first use: a rule
       * limited to `.env` files (with a keyword as common as `=`) costs a bundle nothing.
       */
      prefilterFor(kind) {
        let entry = this.prefilters.get(kind);
        if (!entry) {
          const ruleIndexes = this.rules.flatMap(
            (rule, index) => !rule.fileKinds || rule.fileKinds.includes(kind) ? [index] : []
          );
          const prefilter = new Prefilter(
            ruleIndexes.map((index) => this.rules[index].keywords),
            ruleIndexes.map((index) => this.rules[index].window ?? DEFAULT_WINDOW)
          );
          entry = { prefilter, ruleIndexes };
          this.prefilters.set(kind, entry);
        }
        return entry;
      }
      pattern(ruleIndex) {
        const pattern = this.patterns[ruleIndex];
        pattern.lastIndex = 0;
        return pattern;
      }
    };
  }
});

// src/extract/fragment.ts
function fragmentOffsetToSource(fragment, offset) {
  return fragment.map ? fragment.map.toSource(offset) : (fragment.sourceOffset ?? 0) + offset;
}
function fragmentSpanToSource(fragment, start, end) {
  const sourceStart = fragmentOffsetToSource(fragment, start);
  const last = Math.max(start, end - 1);
  const sourceEnd = fragment.map ? fragment.map.toSourceEnd(last) : (fragment.sourceOffset ?? 0) + last + 1;
  return { start: sourceStart, end: Math.max(sourceStart + 1, sourceEnd) };
}
function rawFragment(source) {
  return { source, text: source.text, layer: "raw" };
}
var SourceText, OffsetMap;
var init_fragment = __esm({
  "src/extract/fragment.ts"() {
    "use strict";
    init_line_index();
    SourceText = class {
      constructor(path18, text, virtualSource) {
        this.path = path18;
        this.text = text;
        this.virtualSource = virtualSource;
      }
      path;
      text;
      virtualSource;
      lineIndex;
      /** Built on first use: most files have no candidate and never need it. */
      get lines() {
        this.lineIndex ??= new LineIndex(this.text);
        return this.lineIndex;
      }
    };
    OffsetMap = class {
      fragmentStarts = [];
      sourceStarts = [];
      linear = [];
      collapsedEnds = [];
      /** Characters from `fragmentOffset` on map one-to-one to characters from `sourceOffset` on. */
      addLinear(fragmentOffset, sourceOffset) {
        return this.add(fragmentOffset, sourceOffset, true);
      }
      /**
       * Characters from `fragmentOffset` on all map to `sourceOffset`, until the next anchor. They came from
       * the source text up to `sourceEnd` (an escape sequence, an encoded literal): what a span that covers
       * them must cover in the source, so that redaction hides all of it.
       */
      addCollapsed(fragmentOffset, sourceOffset, sourceEnd) {
        this.add(fragmentOffset, sourceOffset, false);
        this.collapsedEnds[this.fragmentStarts.length - 1] = sourceEnd;
        return this;
      }
      toSource(offset) {
        const segment = this.segmentOf(offset);
        const base = this.sourceStarts[segment] ?? 0;
        return this.linear[segment] ? base + (offset - (this.fragmentStarts[segment] ?? 0)) : base;
      }
      /**
       * One past the last source character that fragment character `offset` came from. For a collapsed run:
       * its declared end, else where the next run starts in the source (the rest of an escape), else one.
       */
      toSourceEnd(offset) {
        const segment = this.segmentOf(offset);
        const base = this.sourceStarts[segment] ?? 0;
        if (this.linear[segment]) return base + (offset - (this.fragmentStarts[segment] ?? 0)) + 1;
        const next = this.sourceStarts[segment + 1];
        return this.collapsedEnds[segment] ?? (next !== void 0 && next > base ? next : base + 1);
      }
      segmentOf(offset) {
        const starts = this.fragmentStarts;
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
          const mid = low + high + 1 >>> 1;
          if (starts[mid] <= offset) low = mid;
          else high = mid - 1;
        }
        return low;
      }
      add(fragmentOffset, sourceOffset, linear) {
        const last = this.fragmentStarts.length - 1;
        if (last >= 0 && this.fragmentStarts[last] === fragmentOffset) {
          this.sourceStarts[last] = sourceOffset;
          this.linear[last] = linear;
          return this;
        }
        this.fragmentStarts.push(fragmentOffset);
        this.sourceStarts.push(sourceOffset);
        this.linear.push(linear);
        return this;
      }
    };
  }
});

// src/extract/dotenv.ts
function parseDotenv(text) {
  const entries = [];
  let offset = 0;
  while (offset < text.length) {
    const entry = parseEntry(text, skipBlank(text, offset));
    if (entry) entries.push(entry.entry);
    offset = nextLine(text, entry ? entry.end : offset);
  }
  return entries;
}
function skipBlank(text, offset) {
  let at = offset;
  while (at < text.length && (text[at] === " " || text[at] === "	")) at++;
  return at;
}
function nextLine(text, offset) {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}
function sticky(pattern, text, offset) {
  pattern.lastIndex = offset;
  return pattern.exec(text);
}
function parseEntry(text, lineStart) {
  let at = lineStart;
  const exported = sticky(EXPORT, text, at);
  if (exported) at += exported[0].length;
  const key = sticky(KEY, text, at);
  if (!key) return void 0;
  const keyStart = at;
  at += key[0].length;
  const separator = sticky(SEPARATOR, text, at);
  if (!separator) return void 0;
  at += separator[0].length;
  const map = new OffsetMap().addLinear(0, keyStart).addCollapsed(key[0].length, at);
  const base = key[0].length + 1;
  const quote = text[at];
  const value = quote === '"' || quote === "'" || quote === "`" ? quotedValue(text, at, quote, map, base) : unquotedValue(text, at, map, base);
  return { entry: { key: key[0], value: value.value, map }, end: value.end };
}
function unquotedValue(text, start, map, base) {
  const newline = text.indexOf("\n", start);
  const lineEnd = newline === -1 ? text.length : newline;
  let end = lineEnd;
  const comment = text.slice(start, lineEnd).search(/[ \t]#/);
  if (comment !== -1) end = start + comment;
  while (end > start && /\s/.test(text[end - 1])) end--;
  map.addLinear(base, start);
  return { value: text.slice(start, end), end: lineEnd };
}
function quotedValue(text, open, quote, map, base) {
  const close = closingQuote(text, open, quote);
  if (close === -1) return unquotedValue(text, open, map, base);
  map.addLinear(base, open + 1);
  if (quote !== '"') return { value: text.slice(open + 1, close), end: close + 1 };
  let value = "";
  let runStart = open + 1;
  for (let at = open + 1; at < close; at++) {
    const expanded = text[at] === "\\" ? DOUBLE_QUOTED_ESCAPES[text[at + 1] ?? ""] : void 0;
    if (expanded === void 0) continue;
    value += text.slice(runStart, at);
    map.addCollapsed(base + value.length, at);
    value += expanded;
    at++;
    runStart = at + 1;
    map.addLinear(base + value.length, runStart);
  }
  value += text.slice(runStart, close);
  return { value, end: close + 1 };
}
function closingQuote(text, open, quote) {
  for (let at = open + 1; at < text.length; at++) {
    if (quote === '"' && text[at] === "\\") at++;
    else if (text[at] === quote) return at;
  }
  return -1;
}
function dotenvFragments(source) {
  return parseDotenv(source.text).map((entry) => ({
    source,
    text: `${entry.key}=${entry.value}`,
    layer: "env",
    map: entry.map,
    keyPath: entry.key
  }));
}
function extractDotenv(source, _kind) {
  return { fragments: dotenvFragments(source), diagnostics: [] };
}
var KEY, EXPORT, SEPARATOR, DOUBLE_QUOTED_ESCAPES;
var init_dotenv = __esm({
  "src/extract/dotenv.ts"() {
    "use strict";
    init_fragment();
    KEY = /[A-Za-z_][A-Za-z0-9_.-]{0,200}/y;
    EXPORT = /export[ \t]+/y;
    SEPARATOR = /[ \t]*(?:=|:[ \t])[ \t]*/y;
    DOUBLE_QUOTED_ESCAPES = {
      n: "\n",
      r: "\r",
      t: "	",
      '"': '"',
      "\\": "\\"
    };
  }
});

// src/extract/js-strings.ts
function collapsedPiece(text, source, layer, sourceEnd) {
  const anchor = sourceEnd === void 0 ? { at: 0, source, linear: false } : { at: 0, source, linear: false, sourceEnd };
  return { text, anchors: [anchor], layer };
}
function concatPieces(pieces) {
  const texts = [];
  const anchors = [];
  let length = 0;
  let decoded = false;
  for (const piece of pieces) {
    for (const anchor of piece.anchors) anchors.push({ ...anchor, at: anchor.at + length });
    texts.push(piece.text);
    length += piece.text.length;
    decoded ||= piece.layer === "decoded";
  }
  return { text: texts.join(""), anchors, layer: decoded ? "decoded" : "folded" };
}
function offsetMapOf(anchors) {
  const map = new OffsetMap();
  for (const anchor of anchors) {
    if (anchor.linear) map.addLinear(anchor.at, anchor.source);
    else map.addCollapsed(anchor.at, anchor.source, anchor.sourceEnd);
  }
  return map;
}
function sourceSpan(piece) {
  const first = anchorAt(piece.anchors, 0);
  const start = first.linear ? first.source + (0 - first.at) : first.source;
  const lastOffset = Math.max(0, piece.text.length - 1);
  const last = anchorAt(piece.anchors, lastOffset);
  const end = last.linear ? last.source + (lastOffset - last.at) + 1 : last.sourceEnd ?? last.source + 1;
  return { start, end: Math.max(start + 1, end) };
}
function anchorAt(anchors, offset) {
  for (let i = anchors.length - 1; i >= 0; i--) if (anchors[i].at <= offset) return anchors[i];
  return anchors[0] ?? { at: 0, source: 0, linear: true };
}
function cookLiteral(text, start, end, template) {
  const body = text.slice(start, end);
  if (!body.includes("\\") && !(template && body.includes("\r"))) {
    return {
      text: body,
      anchors: [{ at: 0, source: start, linear: true }],
      layer: "string"
    };
  }
  let out = "";
  const anchors = [{ at: 0, source: start, linear: true }];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === "\r" && template) {
      const next = text[i + 1] === "\n" ? i + 2 : i + 1;
      anchors.push({ at: out.length, source: i, linear: false });
      out += "\n";
      anchors.push({ at: out.length, source: next, linear: true });
      i = next;
      continue;
    }
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const cooked = cookEscape(text, i, end);
    anchors.push({ at: out.length, source: i, linear: false });
    out += cooked.value;
    anchors.push({ at: out.length, source: cooked.next, linear: true });
    i = cooked.next;
  }
  return { text: out, anchors, layer: "string" };
}
function cookEscape(text, i, end) {
  const c = text[i + 1] ?? "";
  if (c === "\r") return { value: "", next: text[i + 2] === "\n" ? i + 3 : i + 2 };
  if (c === "\n" || c === "\u2028" || c === "\u2029") return { value: "", next: i + 2 };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== void 0) return { value: simple, next: i + 2 };
  if (c === "x") {
    const hex = text.slice(i + 2, i + 4);
    if (hex.length === 2 && HEX.test(hex))
      return { value: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 4 };
  }
  if (c === "u") {
    if (text[i + 2] === "{") {
      const close = text.indexOf("}", i + 3);
      const hex = close === -1 || close > Math.min(end, i + 12) ? "" : text.slice(i + 3, close);
      const code2 = hex !== "" && HEX.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
      if (code2 <= 1114111) return { value: String.fromCodePoint(code2), next: close + 1 };
    } else {
      const hex = text.slice(i + 2, i + 6);
      if (hex.length === 4 && HEX.test(hex))
        return { value: String.fromCharCode(Number.parseInt(hex, 16)), next: i + 6 };
    }
  }
  const octal = /^[0-3]?[0-7]{1,2}/.exec(text.slice(i + 1, Math.min(end, i + 4)));
  if (octal) {
    return { value: String.fromCharCode(Number.parseInt(octal[0], 8)), next: i + 1 + octal[0].length };
  }
  const codePoint = text.codePointAt(i + 1);
  const char = codePoint === void 0 ? "" : String.fromCodePoint(codePoint);
  return { value: char, next: i + 1 + char.length };
}
var SIMPLE_ESCAPES, HEX;
var init_js_strings = __esm({
  "src/extract/js-strings.ts"() {
    "use strict";
    init_fragment();
    SIMPLE_ESCAPES = {
      n: "\n",
      t: "	",
      r: "\r",
      b: "\b",
      f: "\f",
      v: "\v"
    };
    HEX = /^[0-9a-fA-F]+$/;
  }
});

// src/extract/decode.ts
function decodeAs(value, encoding) {
  if (value.length === 0 || value.length > MAX_ENCODED_CHARS) return void 0;
  if (encoding === "hex") return HEX2.test(value) ? Buffer.from(value, "hex").toString("latin1") : void 0;
  const pattern = encoding === "base64" ? BASE64 : BASE64URL;
  if (!pattern.test(value) || value.replace(/=+$/, "").length % 4 === 1) return void 0;
  return Buffer.from(value, encoding).toString("latin1");
}
function decodeBase64(value) {
  return decodeAs(value, "base64") ?? decodeAs(value, "base64url");
}
function decodeLiteral(value, span, depth = 1) {
  if (depth > MAX_DECODE_DEPTH || value.length < MIN_LITERAL_CHARS || !/[0-9+/=_-]/.test(value))
    return void 0;
  const decoded = decodeBase64(value);
  if (decoded === void 0 || !READABLE.test(decoded)) return void 0;
  return decodeLiteral(decoded, span, depth + 1) ?? collapsedPiece(decoded, span.start, "decoded", span.end);
}
var MAX_DECODE_DEPTH, MAX_ENCODED_CHARS, MIN_LITERAL_CHARS, BASE64, BASE64URL, HEX2, READABLE;
var init_decode = __esm({
  "src/extract/decode.ts"() {
    "use strict";
    init_js_strings();
    MAX_DECODE_DEPTH = 2;
    MAX_ENCODED_CHARS = 64 * 1024;
    MIN_LITERAL_CHARS = 16;
    BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
    BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
    HEX2 = /^(?:[0-9a-fA-F]{2})+$/;
    READABLE = /^[\t\n\r\x20-\x7e]+$/;
  }
});

// src/extract/fold.ts
function isNode(value) {
  return typeof value === "object" && value !== null && typeof value.type === "string";
}
function unwrap(node) {
  let current = node;
  while (TRANSPARENT.has(current.type) && isNode(current.expression)) {
    current = current.expression;
  }
  return current;
}
function dottedName(node) {
  const parts = [];
  let current = unwrap(node);
  while (current) {
    if (current.type === "Identifier") parts.push(current.name);
    else if (current.type === "ThisExpression") parts.push("this");
    else if (current.type === "MetaProperty") parts.push("import.meta");
    else if (current.type === "MemberExpression" || current.type === "OptionalMemberExpression") {
      const property2 = propertyName(current);
      if (property2 === void 0 || !isNode(current.object)) return void 0;
      parts.push(property2);
      current = unwrap(current.object);
      continue;
    } else return void 0;
    current = void 0;
  }
  return parts.reverse().join(".");
}
function propertyName(member) {
  const property2 = member.property;
  if (!isNode(property2)) return void 0;
  if (!member.computed && (property2.type === "Identifier" || property2.type === "PrivateName")) {
    return property2.type === "Identifier" ? property2.name : void 0;
  }
  return property2.type === "StringLiteral" ? property2.value : void 0;
}
function isTextEncoder(node) {
  const inner = unwrap(node);
  return inner.type === "NewExpression" && dottedName(inner.callee) === "TextEncoder";
}
function isPlus(node) {
  return node.type === "BinaryExpression" && node.operator === "+";
}
function joinOperands(operands) {
  const pieces = [];
  let sum;
  for (const operand of operands) {
    if ("number" in operand) {
      if (pieces.length === 0) sum = sum ? { number: sum.number + operand.number, at: sum.at } : operand;
      else pieces.push(collapsedPiece(String(operand.number), operand.at, "folded"));
      continue;
    }
    if (sum) pieces.push(collapsedPiece(String(sum.number), sum.at, "folded"));
    sum = void 0;
    pieces.push(operand.piece);
  }
  if (pieces.length === 0) return void 0;
  return pieces.length === 1 && operands.length === 1 ? pieces[0] : concatPieces(pieces);
}
var MAX_NESTING, TRANSPARENT, Folder;
var init_fold = __esm({
  "src/extract/fold.ts"() {
    "use strict";
    init_decode();
    init_js_strings();
    MAX_NESTING = 64;
    TRANSPARENT = /* @__PURE__ */ new Set([
      "TSAsExpression",
      "TSSatisfiesExpression",
      "TSNonNullExpression",
      "TSTypeAssertion",
      "ParenthesizedExpression"
    ]);
    Folder = class {
      constructor(text) {
        this.text = text;
      }
      text;
      cache = /* @__PURE__ */ new Map();
      /** The constant string `node` evaluates to, or undefined when any part of it is not constant. */
      evaluate(node, nesting = 0) {
        const cached = this.cache.get(node);
        if (cached !== void 0) return cached ?? void 0;
        const piece = nesting > MAX_NESTING ? void 0 : this.compute(unwrap(node), nesting);
        this.cache.set(node, piece ?? null);
        return piece;
      }
      /**
       * The operands of a left-nested `+` chain, leftmost first, found by walking the left spine in a loop.
       * Undefined for a node that is not a `+`.
       */
      chainOperands(node) {
        if (!isPlus(node)) return void 0;
        const rights = [];
        let current = node;
        while (isPlus(current)) {
          rights.push(current.right);
          current = unwrap(current.left);
        }
        return [current, ...rights.reverse()];
      }
      /**
       * Maximal runs of constant operands in a chain, each folded: `x + "mb_sk_" + "live_…"` has one run of
       * two. A run after a non-constant operand starts at a string, since `x + 1` may be arithmetic.
       */
      constantRuns(operands, nesting = 0) {
        const runs = [];
        let current;
        const close = () => {
          if (current && current.operands.length > 0) {
            const piece = joinOperands(current.operands);
            if (piece) runs.push({ first: current.first, count: current.operands.length, piece });
          }
          current = void 0;
        };
        for (let index = 0; index < operands.length; index++) {
          const value = this.operand(operands[index], nesting);
          if (value === void 0) {
            close();
            continue;
          }
          if (current === void 0) {
            if (index > 0 && "number" in value) continue;
            current = { first: index, operands: [] };
          }
          current.operands.push(value);
        }
        close();
        return runs;
      }
      operand(node, nesting) {
        const inner = unwrap(node);
        if (inner.type === "NumericLiteral") return { number: inner.value, at: inner.start };
        const piece = this.evaluate(inner, nesting + 1);
        return piece ? { piece } : void 0;
      }
      compute(node, nesting) {
        switch (node.type) {
          case "StringLiteral":
            return cookLiteral(this.text, node.start + 1, node.end - 1, false);
          case "TemplateLiteral":
            return this.template(node, nesting);
          case "BinaryExpression": {
            const operands = this.chainOperands(node);
            if (!operands) return void 0;
            const runs = this.constantRuns(operands, nesting);
            const only = runs[0];
            return runs.length === 1 && only && only.count === operands.length ? only.piece : void 0;
          }
          case "CallExpression":
            return this.call(node, nesting);
          default:
            return void 0;
        }
      }
      template(node, nesting) {
        const quasis = node.quasis;
        const expressions = node.expressions;
        const pieces = [];
        for (let i = 0; i < quasis.length; i++) {
          const quasi = quasis[i];
          pieces.push(cookLiteral(this.text, quasi.start, quasi.end, true));
          const expression = expressions[i];
          if (expression === void 0) continue;
          const operand = this.operand(expression, nesting);
          if (operand === void 0) return void 0;
          pieces.push(
            "piece" in operand ? operand.piece : collapsedPiece(String(operand.number), operand.at, "folded")
          );
        }
        if (expressions.length === 0) return pieces[0];
        return concatPieces(pieces);
      }
      call(node, nesting) {
        const callee = unwrap(node.callee);
        const args = node.arguments.map(unwrap);
        const name = dottedName(callee);
        if (name === "String.fromCharCode") return this.fromCharCode(args);
        if (name !== void 0 && /^(?:(?:window|self|globalThis)\.)?atob$/.test(name) && args.length === 1) {
          return this.decoded(args[0], nesting, (value) => decodeBase64(value));
        }
        if (name === "Buffer.from" && args.length === 2) {
          const encoding = this.evaluate(args[1], nesting + 1)?.text;
          if (encoding === "base64" || encoding === "base64url" || encoding === "hex") {
            return this.decoded(args[0], nesting, (value) => decodeAs(value, encoding));
          }
          return void 0;
        }
        if (callee.type !== "MemberExpression" || !isNode(callee.object)) return void 0;
        const method = propertyName(callee);
        if (method === "toString" && args.length <= 1) return this.decodedBuffer(callee.object);
        if (method === "encode" && args.length === 1 && isTextEncoder(callee.object))
          return this.evaluate(args[0], nesting + 1);
        if (method === "concat") {
          const base = this.evaluate(callee.object, nesting + 1);
          const rest = args.map((arg) => this.operand(arg, nesting));
          if (!base || rest.some((operand) => operand === void 0)) return void 0;
          return joinOperands([{ piece: base }, ...rest]);
        }
        if (method === "join" && callee.object.type === "ArrayExpression" && args.length <= 1)
          return this.join(callee.object, args[0], nesting);
        return void 0;
      }
      /** `Buffer.from("…", "base64").toString()` is the decoded text `Buffer.from` already produced. */
      decodedBuffer(object) {
        const inner = unwrap(object);
        if (inner.type !== "CallExpression" || dottedName(inner.callee) !== "Buffer.from")
          return void 0;
        return this.evaluate(inner);
      }
      decoded(arg, nesting, decode2) {
        const encoded = this.evaluate(arg, nesting + 1);
        if (!encoded) return void 0;
        const text = decode2(encoded.text);
        return text === void 0 ? void 0 : collapsedPiece(text, arg.start, "decoded", arg.end);
      }
      fromCharCode(args) {
        if (args.length === 0 || args.some((arg) => arg.type !== "NumericLiteral")) return void 0;
        return concatPieces(
          args.map(
            (arg) => collapsedPiece(String.fromCharCode(arg.value), arg.start, "folded", arg.end)
          )
        );
      }
      join(array, separatorNode, nesting) {
        const separator = separatorNode === void 0 ? void 0 : this.evaluate(separatorNode, nesting + 1);
        if (separatorNode !== void 0 && separator === void 0) return void 0;
        const pieces = [];
        const elements = array.elements;
        for (let i = 0; i < elements.length; i++) {
          const element = elements[i];
          if (i > 0)
            pieces.push(collapsedPiece(separator?.text ?? ",", separatorNode?.start ?? array.start, "folded"));
          if (element === null || element === void 0) continue;
          const operand = this.operand(element, nesting);
          if (operand === void 0) return void 0;
          pieces.push(
            "piece" in operand ? operand.piece : collapsedPiece(String(operand.number), operand.at, "folded")
          );
        }
        return concatPieces(pieces);
      }
    };
  }
});

// src/extract/js-chains.ts
function findLiteralChains(text, escapedSingles = false) {
  const chains = [];
  let i = 0;
  while (i < text.length) {
    const quote = nextQuote(text, i);
    if (quote === -1) break;
    let end = literalEnd(text, quote);
    if (end === -1) {
      i = quote + 1;
      continue;
    }
    let terms = 1;
    for (; ; ) {
      const plus = skipSpace(text, end);
      if (text[plus] !== "+") break;
      const next = skipSpace(text, plus + 1);
      if (!isQuote(text[next])) break;
      const nextEnd = literalEnd(text, next);
      if (nextEnd === -1) break;
      end = nextEnd;
      terms++;
    }
    if (terms >= 2 || escapedSingles && ESCAPED_ASCII_RUN.test(text.slice(quote, end)))
      chains.push({ start: quote, end });
    i = end;
  }
  return chains;
}
function foldLiteralChain(text, chain) {
  const pieces = [];
  let i = chain.start;
  while (i < chain.end) {
    const end = literalEnd(text, i);
    pieces.push(cookLiteral(text, i + 1, end - 1, text[i] === "`"));
    i = skipSpace(text, skipSpace(text, end) + 1);
  }
  return concatPieces(pieces);
}
function compactLiteralChains(text) {
  const chains = findLiteralChains(text);
  const parts = [];
  let cursor = 0;
  for (const chain of chains) {
    parts.push(text.slice(cursor, chain.start), `"${" ".repeat(chain.end - chain.start - 2)}"`);
    cursor = chain.end;
  }
  parts.push(text.slice(cursor));
  return { text: parts.join(""), chains };
}
function isQuote(char) {
  return char === '"' || char === "'" || char === "`";
}
function nextQuote(text, from) {
  for (let i = from; i < text.length; i++) if (isQuote(text[i])) return i;
  return -1;
}
function literalEnd(text, start) {
  const quote = text[start];
  const template = quote === "`";
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (c === "\\") i++;
    else if (template ? c === "$" && text[i + 1] === "{" : c === "\n" || c === "\r") return -1;
  }
  return -1;
}
function skipSpace(text, from) {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "	" || text[i] === "\n" || text[i] === "\r"))
    i++;
  return i;
}
var ESCAPED_ASCII_RUN;
var init_js_chains = __esm({
  "src/extract/js-chains.ts"() {
    "use strict";
    init_js_strings();
    ESCAPED_ASCII_RUN = /(?:\\x[0-9a-fA-F]{2}|\\u00[0-9a-fA-F]{2}|\\[0-7]{2,3}){4}/;
  }
});

// src/extract/js-parse.ts
import { createRequire } from "node:module";
function babel() {
  parser ??= createRequire(import.meta.url)("@babel/parser");
  return parser;
}
function pluginsFor(kind, path18) {
  const typescript = kind === "ts" || kind === "tsx" || /\.(?:[cm]?tsx?|astro)$/.test(path18);
  if (typescript) return kind === "tsx" || path18.endsWith(".tsx") ? ["typescript", "jsx"] : ["typescript"];
  return kind === "bundle" ? [] : ["jsx"];
}
function parseJs(text, kind, path18) {
  try {
    return withRecovered(parseProgram(text, kind, path18), []);
  } catch (error) {
    if (!(error instanceof RangeError)) return { chains: [], problem: describe(error) };
  }
  const compacted = compactLiteralChains(text);
  try {
    return withRecovered(parseProgram(compacted.text, kind, path18), compacted.chains);
  } catch (error) {
    return { chains: compacted.chains, problem: describe(error) };
  }
}
function parseProgram(text, kind, path18) {
  return babel().parse(text, {
    sourceType: "unambiguous",
    errorRecovery: true,
    attachComment: false,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    allowSuperOutsideMethod: true,
    plugins: pluginsFor(kind, path18)
  });
}
function withRecovered(file, chains) {
  const errors = file.errors?.length ?? 0;
  const program2 = file.program;
  return {
    program: program2,
    chains,
    ...errors === 0 ? {} : { problem: `${errors} syntax error(s) skipped by error recovery` }
  };
}
function describe(error) {
  return error instanceof Error ? error.message.split("\n")[0].slice(0, 200) : String(error);
}
var parser;
var init_js_parse = __esm({
  "src/extract/js-parse.ts"() {
    "use strict";
    init_js_chains();
  }
});

// src/extract/js-ast.ts
function worthParsing(text, hints) {
  return parseGate(hints).test(text);
}
function parseGate(hints) {
  let gate = parseGates.get(hints);
  if (!gate) {
    gate = new RegExp([...hints.shapeKeywords.map(escapeRegExp), HIDDEN_VALUE.source].join("|"), "i");
    parseGates.set(hints, gate);
  }
  return gate;
}
function extractJs(source, kind, hints) {
  if (!worthParsing(source.text, hints)) return foldChainsUnparsed(source, []);
  if (source.text.length > MAX_PARSE_CHARS) return foldChainsUnparsed(source, [tooLargeToParse(source)]);
  return extractParsed(source, source.text, kind);
}
function foldChainsUnparsed(source, diagnostics) {
  const text = source.text;
  if (!LITERAL_JOIN.test(text) && !ESCAPED_ASCII_RUN.test(text)) return { fragments: [], diagnostics };
  const walker = new Walker(source, text);
  for (const chain of findLiteralChains(text, true)) walker.emit(foldLiteralChain(text, chain), NO_CONTEXT);
  return { fragments: walker.fragments, diagnostics };
}
function tooLargeToParse(source) {
  return {
    code: "parse-skipped",
    path: source.virtualSource ?? source.path,
    message: `not parsed as JavaScript: ${(source.text.length / 1048576).toFixed(1)} MB is over the ${MAX_PARSE_CHARS / 1048576} MB parse limit; raw text still scanned`
  };
}
function extractParsed(source, parseText, kind) {
  const parsed = parseJs(parseText, kind, source.path);
  const diagnostics = [];
  if (parsed.problem !== void 0) {
    diagnostics.push({
      code: "parse-failed",
      path: source.path,
      message: `${parsed.program ? "parsed with errors" : "not parsed"} as JavaScript (${parsed.problem}); raw text still scanned`
    });
  }
  const walker = new Walker(source, parseText);
  for (const chain of parsed.chains) walker.emit(foldLiteralChain(source.text, chain), NO_CONTEXT);
  if (parsed.program) walker.walk(parsed.program);
  return { fragments: walker.fragments, diagnostics, nodes: walker.nodes };
}
function calleeOf(callee) {
  const inner = unwrap(callee);
  if (inner.type !== "SequenceExpression") return inner;
  const expressions = inner.expressions;
  return unwrap(expressions[expressions.length - 1]);
}
function isTypeOnly(node) {
  if (node.importKind === "type" || node.exportKind === "type") return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((specifier) => specifier.importKind === "type" || specifier.exportKind === "type");
}
function importedName(specifier) {
  if (specifier.type === "ImportDefaultSpecifier") return "default";
  if (specifier.type === "ImportNamespaceSpecifier" || specifier.type === "ExportNamespaceSpecifier")
    return "*";
  const imported = specifier.imported ?? specifier.local;
  return imported.type === "StringLiteral" ? imported.value : imported.name;
}
function joinKeyPath(parent, key) {
  const segments = parent === void 0 ? [key] : [...parent.split("."), key];
  return segments.slice(-MAX_KEY_SEGMENTS).join(".");
}
function lastSegment2(name) {
  return name?.slice(name.lastIndexOf(".") + 1);
}
var HIDDEN_VALUE, LITERAL_JOIN, MAX_PARSE_CHARS, CREDENTIAL_LIKE, MAX_KEY_SEGMENTS, ENV_OBJECTS, PUBLIC_ENV_MODULES, SKIP_KEYS, PASS_CONTEXT, NO_CONTEXT, parseGates, Walker;
var init_js_ast = __esm({
  "src/extract/js-ast.ts"() {
    "use strict";
    init_prefilter();
    init_decode();
    init_fold();
    init_js_chains();
    init_js_parse();
    init_js_strings();
    HIDDEN_VALUE = /(?<![A-Za-z0-9])(?:mb_|whsec)|-----BEGIN|\\x(?:6d|77|2d)\\x|\\u00(?:6d|77|2d)\\u|\\(?:155|167|055)\\|fromCharCode\(\s{0,4}(?:\.\.\.\s{0,4}\[|(?:\d{2,3}|0x[0-9a-f]{2})\s{0,4},\s{0,4}(?:\d{2,3}|0x[0-9a-f]{2})\s{0,4},)|bWJfc2tf|1iX3NrX|tYl9za1|d2hzZWNf|3aHNlY1|doc2VjX|LS0tLS1CRUdJTi|0tLS0tQkVHSU4|tLS0tLUJFR0lO|eyJ[A-Za-z0-9_-]{8,200}\.eyJ|client_?secret|secretAccessKey|Bearer\s{0,4}["'`]\s{0,4}(?:\+|\.concat)|\]\.join\(\s{0,4}(?:""|''|``)\s{0,4}\)/i;
    LITERAL_JOIN = /["'`][ \t\r\n]{0,20}\+[ \t\r\n]{0,20}["'`]/;
    MAX_PARSE_CHARS = 4 * 1024 * 1024;
    CREDENTIAL_LIKE = /^(?=[^\s]{0,4095}[0-9])(?=[^\s]{0,4095}[A-Za-z])[^\s]{12,4096}$/;
    MAX_KEY_SEGMENTS = 4;
    ENV_OBJECTS = /* @__PURE__ */ new Set(["import.meta.env", "process.env"]);
    PUBLIC_ENV_MODULES = /* @__PURE__ */ new Set(["$env/static/public"]);
    SKIP_KEYS = /* @__PURE__ */ new Set([
      "type",
      "start",
      "end",
      "loc",
      "range",
      "extra",
      "errors",
      "typeAnnotation",
      "returnType",
      "typeParameters"
    ]);
    PASS_CONTEXT = /* @__PURE__ */ new Set([
      "ConditionalExpression",
      "LogicalExpression",
      "AwaitExpression",
      "ArrayExpression",
      "TSAsExpression",
      "TSSatisfiesExpression",
      "TSNonNullExpression",
      "TSTypeAssertion",
      "ParenthesizedExpression"
    ]);
    NO_CONTEXT = {};
    parseGates = /* @__PURE__ */ new WeakMap();
    Walker = class {
      /**
       * `parseText` equals the file wherever code was parsed; literals are cooked from it, so a chain blanked
       * for the parser (already folded from the file's text) is not read twice.
       */
      constructor(source, parseText) {
        this.source = source;
        this.parseText = parseText;
        this.folder = new Folder(parseText);
      }
      source;
      parseText;
      fragments = [];
      nodes = [];
      folder;
      stack = [];
      walk(program2) {
        this.stack.push({ node: program2, context: NO_CONTEXT });
        for (let item = this.stack.pop(); item !== void 0; item = this.stack.pop())
          this.visit(item.node, item.context);
      }
      visit(node, context) {
        switch (node.type) {
          case "StringLiteral":
            this.literal(node, context);
            break;
          case "TemplateLiteral":
            this.template(node, context);
            break;
          case "BinaryExpression":
            if (node.operator === "+") this.chain(node, context);
            else this.children(node, NO_CONTEXT);
            break;
          case "CallExpression":
          case "OptionalCallExpression":
          case "NewExpression":
            this.call(node, context);
            break;
          case "ObjectExpression":
            this.object(node, context);
            break;
          case "VariableDeclarator":
            this.declarator(node);
            break;
          case "AssignmentExpression":
          case "AssignmentPattern": {
            const key = lastSegment2(dottedName(node.left));
            this.push(node.left, NO_CONTEXT);
            this.push(node.right, key === void 0 ? NO_CONTEXT : { key, keyPath: key });
            break;
          }
          case "MemberExpression":
          case "OptionalMemberExpression":
            this.envRead(node);
            this.children(node, NO_CONTEXT);
            break;
          case "ImportDeclaration":
          case "ExportNamedDeclaration":
          case "ExportAllDeclaration":
            this.moduleImport(node);
            this.children(node, NO_CONTEXT);
            break;
          case "ImportExpression":
            this.importOf(node.source, []);
            this.children(node, NO_CONTEXT);
            break;
          case "DirectiveLiteral":
            break;
          default:
            this.children(node, PASS_CONTEXT.has(node.type) ? context : NO_CONTEXT);
            break;
        }
      }
      /** A value fragment; under a name it reads `name:"value"`, so rules written for source text match it. */
      emit(piece, context, extraNote) {
        const notes = [context.note, extraNote].filter((note) => note !== void 0);
        const common = {
          source: this.source,
          layer: piece.layer,
          ...context.keyPath === void 0 ? {} : { keyPath: context.keyPath },
          ...notes.length === 0 ? {} : { notes }
        };
        if (context.key === void 0 || !/^[A-Za-z_$][\w$-]{0,64}$/.test(context.key)) {
          this.fragments.push({ ...common, text: piece.text, map: offsetMapOf(piece.anchors) });
        } else {
          const span = sourceSpan(piece);
          const prefix = `${context.key}:"`;
          const anchors = [{ at: 0, source: span.start, linear: false }];
          for (const anchor of piece.anchors) anchors.push({ ...anchor, at: anchor.at + prefix.length });
          anchors.push({ at: prefix.length + piece.text.length, source: span.end, linear: false });
          this.fragments.push({ ...common, text: `${prefix}${piece.text}"`, map: offsetMapOf(anchors) });
        }
        const decoded = decodeLiteral(piece.text, sourceSpan(piece));
        if (decoded) this.emit(decoded, context, "decoded from base64");
      }
      literal(node, context) {
        const piece = this.folder.evaluate(node);
        if (piece) this.emitIfUseful(piece, node.end - node.start - 2, context);
      }
      /** Escapes, a name above it, or base64 make a literal worth its own fragment; anything else the raw pass sees. */
      emitIfUseful(piece, rawLength, context) {
        const escaped = piece.anchors.length > 1 || piece.text.length !== rawLength;
        const named2 = (context.key !== void 0 || context.note !== void 0) && CREDENTIAL_LIKE.test(piece.text);
        if (escaped || named2) this.emit(piece, context);
        else {
          const decoded = decodeLiteral(piece.text, sourceSpan(piece));
          if (decoded) this.emit(decoded, context, "decoded from base64");
        }
      }
      template(node, context) {
        const expressions = node.expressions;
        const folded = expressions.length > 0 ? this.folder.evaluate(node) : void 0;
        if (folded) {
          this.emit(folded, context);
          return;
        }
        for (const quasi of node.quasis) {
          this.emitIfUseful(
            cookLiteral(this.parseText, quasi.start, quasi.end, true),
            quasi.end - quasi.start,
            context
          );
        }
        for (const expression of expressions) this.push(expression, NO_CONTEXT);
      }
      /** A `+` chain: each run of constants folds to one fragment; the other operands are walked. */
      chain(node, context) {
        const operands = this.folder.chainOperands(node) ?? [];
        const folded = /* @__PURE__ */ new Set();
        for (const run2 of this.folder.constantRuns(operands)) {
          if (run2.count < 2) continue;
          this.emit(run2.piece, run2.first === 0 && run2.count === operands.length ? context : NO_CONTEXT);
          for (let i = run2.first; i < run2.first + run2.count; i++) folded.add(i);
        }
        operands.forEach((operand, index) => {
          if (!folded.has(index)) this.push(operand, NO_CONTEXT);
        });
      }
      call(node, context) {
        const folded = node.type === "NewExpression" ? void 0 : this.folder.evaluate(node);
        if (folded) {
          this.emit(folded, context);
          return;
        }
        const calleeNode = calleeOf(node.callee);
        const callee = calleeNode.type === "Import" ? "import" : dottedName(calleeNode);
        const args = node.arguments.filter(isNode);
        if ((callee === "require" || callee === "import") && args[0]) this.importOf(args[0], []);
        if (callee !== void 0) {
          this.nodes.push({
            type: node.type === "NewExpression" ? "new" : "call",
            callee,
            arguments: args.slice(0, 4).map((arg) => this.value(arg)),
            start: node.start,
            end: node.end
          });
        }
        const argContext = node.type === "NewExpression" && callee !== void 0 ? { note: `argument of new ${callee}(\u2026)` } : NO_CONTEXT;
        this.push(node.callee, NO_CONTEXT);
        for (const arg of args) this.push(arg, argContext);
      }
      object(node, context) {
        const properties = [];
        for (const property2 of node.properties) {
          if (property2.type !== "ObjectProperty") {
            this.push(property2, NO_CONTEXT);
            continue;
          }
          const key = this.keyName(property2);
          const value = property2.value;
          if (property2.computed) this.push(property2.key, NO_CONTEXT);
          if (key === void 0) {
            this.push(value, NO_CONTEXT);
            continue;
          }
          properties.push({ key, value: this.value(value) });
          this.push(value, { key, keyPath: joinKeyPath(context.keyPath, key) });
        }
        this.nodes.push({
          type: "object",
          ...context.keyPath === void 0 ? {} : { keyPath: context.keyPath },
          properties,
          start: node.start,
          end: node.end
        });
      }
      declarator(node) {
        const id = node.id;
        const init = node.init;
        if (id.type === "ObjectPattern" && isNode(init) && ENV_OBJECTS.has(dottedName(init) ?? "")) {
          for (const property2 of id.properties) {
            const key = property2.type === "ObjectProperty" ? this.keyName(property2) : void 0;
            if (key !== void 0) this.env(key, dottedName(init), property2.key);
          }
        }
        const name = id.type === "Identifier" ? id.name : void 0;
        this.push(id, NO_CONTEXT);
        this.push(init, name === void 0 ? NO_CONTEXT : { key: name, keyPath: name });
      }
      envRead(node) {
        const object = node.object;
        const via = object.type === "MemberExpression" || object.type === "OptionalMemberExpression" ? dottedName(object) : void 0;
        if (via === void 0 || !ENV_OBJECTS.has(via)) return;
        const name = propertyName(node);
        if (name !== void 0) this.env(name, via, node.property);
      }
      env(name, via, at) {
        const quoted = at.type === "StringLiteral" ? 1 : 0;
        this.nodes.push({ type: "env", name, via, start: at.start + quoted, end: at.end - quoted });
      }
      moduleImport(node) {
        if (!isNode(node.source) || isTypeOnly(node)) return;
        const names = (node.specifiers ?? []).map(importedName);
        this.importOf(node.source, names);
        const module = node.source.value;
        if (!PUBLIC_ENV_MODULES.has(module)) return;
        for (const specifier of node.specifiers ?? []) {
          if (specifier.type === "ImportSpecifier")
            this.env(importedName(specifier), module, specifier.imported);
        }
      }
      importOf(sourceNode, names) {
        if (!isNode(sourceNode) || sourceNode.type !== "StringLiteral") return;
        this.nodes.push({
          type: "import",
          source: sourceNode.value,
          names,
          start: sourceNode.start + 1,
          end: sourceNode.end - 1
        });
      }
      keyName(property2) {
        const key = property2.key;
        if (!property2.computed && key.type === "Identifier") return key.name;
        if (key.type === "StringLiteral" || key.type === "NumericLiteral") return String(key.value);
        return this.folder.evaluate(key)?.text;
      }
      value(node) {
        const piece = this.folder.evaluate(node);
        if (piece) return { value: piece.text, ...sourceSpan(piece), layer: piece.layer };
        const name = dottedName(node);
        return { ...name === void 0 ? {} : { name }, start: node.start, end: node.end };
      }
      children(node, context) {
        for (const key in node) {
          if (SKIP_KEYS.has(key)) continue;
          const child = node[key];
          if (Array.isArray(child)) {
            for (let i = child.length - 1; i >= 0; i--) this.push(child[i], context);
          } else this.push(child, context);
        }
      }
      push(node, context) {
        if (isNode(node)) this.stack.push({ node, context });
      }
    };
  }
});

// src/extract/json-strings.ts
function jsonStrings(text, from = 0, to = text.length) {
  const found2 = [];
  const stack = [];
  let offset = from;
  while (offset < to) {
    const char = text.charCodeAt(offset);
    if (char === 34) {
      const string = readString(text, offset, to);
      const top = stack[stack.length - 1];
      if (top && !top.isArray && top.expectingKey) {
        top.key = string.value;
        top.expectingKey = false;
      } else {
        found2.push({ ...string, keyPath: pathOf(stack) });
      }
      offset = string.end;
      continue;
    }
    if (char === 123 || char === 91) {
      stack.push({ isArray: char === 91, key: "", index: 0, expectingKey: char === 123 });
    } else if (char === 125 || char === 93) {
      stack.pop();
    } else if (char === 44) {
      const top = stack[stack.length - 1];
      if (top?.isArray) top.index++;
      else if (top) top.expectingKey = true;
    }
    offset++;
  }
  return found2;
}
function pathOf(stack) {
  let path18 = "";
  for (const container of stack) {
    if (container.isArray) path18 += `[${container.index}]`;
    else path18 += path18 ? `.${container.key}` : container.key;
  }
  return path18;
}
function readString(text, quote, to) {
  const map = new OffsetMap().addLinear(0, quote + 1);
  let value = "";
  let runStart = quote + 1;
  let offset = quote + 1;
  let escaped = false;
  while (offset < to) {
    const char = text.charCodeAt(offset);
    if (char === 34) break;
    if (char === 10) break;
    if (char !== 92) {
      offset++;
      continue;
    }
    value += text.slice(runStart, offset);
    const { decoded, length } = decodeEscape(text, offset);
    map.addCollapsed(value.length, offset);
    value += decoded;
    offset += length;
    runStart = offset;
    map.addLinear(value.length, offset);
    escaped = true;
  }
  value += text.slice(runStart, offset);
  return { value, start: quote, end: Math.min(offset + 1, to), map, escaped };
}
function decodeEscape(text, backslash) {
  const next = text.charAt(backslash + 1);
  const simple = SIMPLE_ESCAPES2[next];
  if (simple !== void 0) return { decoded: simple, length: 2 };
  if (next === "u") {
    const hex = text.slice(backslash + 2, backslash + 6);
    if (/^[0-9a-fA-F]{4}$/.test(hex))
      return { decoded: String.fromCharCode(Number.parseInt(hex, 16)), length: 6 };
  }
  return { decoded: next, length: next ? 2 : 1 };
}
function jsonStringFragments(source, from = 0, to = source.text.length, notes) {
  return jsonStrings(source.text, from, to).filter((string) => string.escaped).map((string) => ({
    source,
    text: string.value,
    layer: "json",
    map: string.map,
    ...string.keyPath ? { keyPath: string.keyPath } : {},
    ...notes?.length ? { notes } : {}
  }));
}
function extractJsonStrings(source, _kind) {
  return { fragments: jsonStringFragments(source), diagnostics: [] };
}
var SIMPLE_ESCAPES2;
var init_json_strings = __esm({
  "src/extract/json-strings.ts"() {
    "use strict";
    init_fragment();
    SIMPLE_ESCAPES2 = {
      '"': '"',
      "\\": "\\",
      "/": "/",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "	"
    };
  }
});

// src/extract/script-blocks.ts
function scriptElements(text, from) {
  const elements = [];
  SCRIPT_OPEN.lastIndex = from;
  for (let open = SCRIPT_OPEN.exec(text); open !== null; open = SCRIPT_OPEN.exec(text)) {
    const attributes = open.groups?.attributes ?? "";
    const start = open.index + open[0].length;
    SCRIPT_CLOSE.lastIndex = start;
    const close = SCRIPT_CLOSE.exec(text);
    const end = close ? close.index : text.length;
    SCRIPT_OPEN.lastIndex = close ? close.index + close[0].length : text.length;
    if (attributes.endsWith("/") || end <= start) continue;
    const type = TYPE_ATTRIBUTE.exec(attributes)?.groups?.type;
    elements.push({ start, end, attributes, ...type === void 0 ? {} : { type } });
  }
  return elements;
}
function findScriptBlocks(text, path18) {
  const blocks = [];
  const frontmatter = path18.endsWith(".astro") ? ASTRO_FRONTMATTER.exec(text) : null;
  if (frontmatter) {
    const start = frontmatter[0].length;
    const close = text.indexOf("\n---", start);
    if (close !== -1) blocks.push({ start, end: close, typescript: true });
  }
  for (const element of scriptElements(text, blocks[0]?.end ?? 0)) {
    if (element.type !== void 0 && !JS_TYPES.test(element.type)) continue;
    blocks.push({
      start: element.start,
      end: element.end,
      typescript: LANG_TS.test(element.attributes) || path18.endsWith(".astro") || element.type === "text/typescript"
    });
  }
  return blocks;
}
function findJsonPayloads(text) {
  return scriptElements(text, 0).filter(
    (element) => element.type !== void 0 && JSON_TYPES.test(element.type)
  );
}
function maskOutside(text, blocks) {
  const parts = [];
  let cursor = 0;
  for (const block of blocks) {
    parts.push(blank(text.slice(cursor, block.start)), text.slice(block.start, block.end));
    cursor = block.end;
  }
  parts.push(blank(text.slice(cursor)));
  return parts.join("");
}
function blank(text) {
  return text.replace(/[^\r\n]/g, " ");
}
function extractScriptBlocks(source, _kind, hints) {
  const payloads = jsonPayloadFragments(source);
  const blocks = findScriptBlocks(source.text, source.path);
  const masked = maskOutside(source.text, blocks);
  if (blocks.length === 0 || !worthParsing(masked, hints)) return { fragments: payloads, diagnostics: [] };
  const parsed = extractParsed(source, masked, blocks.some((block) => block.typescript) ? "ts" : "js");
  return { ...parsed, fragments: [...payloads, ...parsed.fragments] };
}
function jsonPayloadFragments(source) {
  return findJsonPayloads(source.text).flatMap((payload) => {
    const id = ELEMENT_ID.exec(payload.attributes)?.groups?.id;
    const note = `in the page's JSON payload${id ? ` (${id})` : ""}, served to every visitor`;
    return jsonStringFragments(source, payload.start, payload.end, [note]);
  });
}
var SCRIPT_OPEN, SCRIPT_CLOSE, TYPE_ATTRIBUTE, LANG_TS, JS_TYPES, JSON_TYPES, ELEMENT_ID, ASTRO_FRONTMATTER;
var init_script_blocks = __esm({
  "src/extract/script-blocks.ts"() {
    "use strict";
    init_js_ast();
    init_json_strings();
    SCRIPT_OPEN = /<script\b(?<attributes>[^>]{0,2000})>/gi;
    SCRIPT_CLOSE = /<\/script\s{0,16}>/gi;
    TYPE_ATTRIBUTE = /\btype\s{0,4}=\s{0,4}["']?(?<type>[^"'\s>]{0,100})/i;
    LANG_TS = /\blang\s{0,4}=\s{0,4}["']?tsx?\b/i;
    JS_TYPES = /^(?:module|(?:text|application)\/(?:java|ecma)script|text\/(?:babel|jsx|typescript))$/i;
    JSON_TYPES = /^application\/(?:[a-z.+-]{0,40}\+)?json$/i;
    ELEMENT_ID = /\bid\s{0,4}=\s{0,4}["']?(?<id>[^"'\s>]{1,100})/i;
    ASTRO_FRONTMATTER = /^\s{0,200}---[ \t]{0,16}\r?\n/;
  }
});

// node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs
function decodeInteger(reader) {
  let value = 0;
  let shift = 0;
  let integer = 0;
  do {
    const c = reader.next();
    integer = charToInt[c];
    value |= (integer & 31) << shift;
    shift += 5;
  } while (integer & 32);
  return value;
}
function decodeSign(num) {
  return num & 1 ? -2147483648 | -(num >>> 1) : num >>> 1;
}
function hasMoreVlq(reader, max) {
  if (reader.pos >= max) return false;
  return reader.peek() !== comma;
}
function decode(mappings) {
  const { length } = mappings;
  const reader = new StringReader(mappings);
  const decoded = [];
  let genColumn = 0;
  let sourcesIndex = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let namesIndex = 0;
  do {
    const semi = reader.indexOf(";");
    const line = [];
    let sorted = true;
    let lastCol = 0;
    genColumn = 0;
    while (reader.pos < semi) {
      let seg;
      genColumn += decodeSign(decodeInteger(reader));
      if (genColumn < lastCol) sorted = false;
      lastCol = genColumn;
      if (hasMoreVlq(reader, semi)) {
        sourcesIndex += decodeSign(decodeInteger(reader));
        sourceLine += decodeSign(decodeInteger(reader));
        sourceColumn += decodeSign(decodeInteger(reader));
        if (hasMoreVlq(reader, semi)) {
          namesIndex += decodeSign(decodeInteger(reader));
          seg = [genColumn, sourcesIndex, sourceLine, sourceColumn, namesIndex];
        } else {
          seg = [genColumn, sourcesIndex, sourceLine, sourceColumn];
        }
      } else {
        seg = [genColumn];
      }
      line.push(seg);
      reader.pos++;
    }
    if (!sorted) sort(line);
    decoded.push(line);
    reader.pos = semi + 1;
  } while (reader.pos <= length);
  return decoded;
}
function sort(line) {
  line.sort(sortComparator);
}
function sortComparator(a, b) {
  return a[0] - b[0];
}
var comma, semicolon, chars, intToChar, charToInt, bufLength, StringReader;
var init_sourcemap_codec = __esm({
  "node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs"() {
    comma = ",".charCodeAt(0);
    semicolon = ";".charCodeAt(0);
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    intToChar = new Uint8Array(64);
    charToInt = new Uint8Array(128);
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      intToChar[i] = c;
      charToInt[c] = i;
    }
    bufLength = 1024 * 16;
    StringReader = class {
      constructor(buffer) {
        this.pos = 0;
        this.buffer = buffer;
      }
      next() {
        return this.buffer.charCodeAt(this.pos++);
      }
      peek() {
        return this.buffer.charCodeAt(this.pos);
      }
      indexOf(char) {
        const { buffer, pos } = this;
        const idx = buffer.indexOf(char, pos);
        return idx === -1 ? buffer.length : idx;
      }
    };
  }
});

// node_modules/@jridgewell/resolve-uri/dist/resolve-uri.mjs
function isAbsoluteUrl(input) {
  return schemeRegex.test(input);
}
function isSchemeRelativeUrl(input) {
  return input.startsWith("//");
}
function isAbsolutePath(input) {
  return input.startsWith("/");
}
function isFileUrl(input) {
  return input.startsWith("file:");
}
function isRelative(input) {
  return /^[.?#]/.test(input);
}
function parseAbsoluteUrl(input) {
  const match = urlRegex.exec(input);
  return makeUrl(match[1], match[2] || "", match[3], match[4] || "", match[5] || "/", match[6] || "", match[7] || "");
}
function parseFileUrl(input) {
  const match = fileRegex.exec(input);
  const path18 = match[2];
  return makeUrl("file:", "", match[1] || "", "", isAbsolutePath(path18) ? path18 : "/" + path18, match[3] || "", match[4] || "");
}
function makeUrl(scheme, user, host, port, path18, query, hash) {
  return {
    scheme,
    user,
    host,
    port,
    path: path18,
    query,
    hash,
    type: 7
  };
}
function parseUrl(input) {
  if (isSchemeRelativeUrl(input)) {
    const url2 = parseAbsoluteUrl("http:" + input);
    url2.scheme = "";
    url2.type = 6;
    return url2;
  }
  if (isAbsolutePath(input)) {
    const url2 = parseAbsoluteUrl("http://foo.com" + input);
    url2.scheme = "";
    url2.host = "";
    url2.type = 5;
    return url2;
  }
  if (isFileUrl(input))
    return parseFileUrl(input);
  if (isAbsoluteUrl(input))
    return parseAbsoluteUrl(input);
  const url = parseAbsoluteUrl("http://foo.com/" + input);
  url.scheme = "";
  url.host = "";
  url.type = input ? input.startsWith("?") ? 3 : input.startsWith("#") ? 2 : 4 : 1;
  return url;
}
function stripPathFilename(path18) {
  if (path18.endsWith("/.."))
    return path18;
  const index = path18.lastIndexOf("/");
  return path18.slice(0, index + 1);
}
function mergePaths(url, base) {
  normalizePath(base, base.type);
  if (url.path === "/") {
    url.path = base.path;
  } else {
    url.path = stripPathFilename(base.path) + url.path;
  }
}
function normalizePath(url, type) {
  const rel = type <= 4;
  const pieces = url.path.split("/");
  let pointer = 1;
  let positive = 0;
  let addTrailingSlash = false;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!piece) {
      addTrailingSlash = true;
      continue;
    }
    addTrailingSlash = false;
    if (piece === ".")
      continue;
    if (piece === "..") {
      if (positive) {
        addTrailingSlash = true;
        positive--;
        pointer--;
      } else if (rel) {
        pieces[pointer++] = piece;
      }
      continue;
    }
    pieces[pointer++] = piece;
    positive++;
  }
  let path18 = "";
  for (let i = 1; i < pointer; i++) {
    path18 += "/" + pieces[i];
  }
  if (!path18 || addTrailingSlash && !path18.endsWith("/..")) {
    path18 += "/";
  }
  url.path = path18;
}
function resolve(input, base) {
  if (!input && !base)
    return "";
  const url = parseUrl(input);
  let inputType = url.type;
  if (base && inputType !== 7) {
    const baseUrl = parseUrl(base);
    const baseType = baseUrl.type;
    switch (inputType) {
      case 1:
        url.hash = baseUrl.hash;
      // fall through
      case 2:
        url.query = baseUrl.query;
      // fall through
      case 3:
      case 4:
        mergePaths(url, baseUrl);
      // fall through
      case 5:
        url.user = baseUrl.user;
        url.host = baseUrl.host;
        url.port = baseUrl.port;
      // fall through
      case 6:
        url.scheme = baseUrl.scheme;
    }
    if (baseType > inputType)
      inputType = baseType;
  }
  normalizePath(url, inputType);
  const queryHash = url.query + url.hash;
  switch (inputType) {
    // This is impossible, because of the empty checks at the start of the function.
    // case UrlType.Empty:
    case 2:
    case 3:
      return queryHash;
    case 4: {
      const path18 = url.path.slice(1);
      if (!path18)
        return queryHash || ".";
      if (isRelative(base || input) && !isRelative(path18)) {
        return "./" + path18 + queryHash;
      }
      return path18 + queryHash;
    }
    case 5:
      return url.path + queryHash;
    default:
      return url.scheme + "//" + url.user + url.host + url.port + url.path + queryHash;
  }
}
var schemeRegex, urlRegex, fileRegex;
var init_resolve_uri = __esm({
  "node_modules/@jridgewell/resolve-uri/dist/resolve-uri.mjs"() {
    schemeRegex = /^[\w+.-]+:\/\//;
    urlRegex = /^([\w+.-]+:)\/\/([^@/#?]*@)?(\[[^\]]+\]|[^:/#?]*)(:\d+)?(\/[^#?]*)?(\?[^#]*)?(#.*)?/;
    fileRegex = /^file:(?:\/\/((?![a-z]:)[^/#?]*)?)?(\/?[^#?]*)(\?[^#]*)?(#.*)?/i;
  }
});

// node_modules/@jridgewell/trace-mapping/dist/trace-mapping.mjs
function stripFilename(path18) {
  if (!path18) return "";
  const index = path18.lastIndexOf("/");
  return path18.slice(0, index + 1);
}
function resolver(mapUrl, sourceRoot) {
  const from = stripFilename(mapUrl);
  const prefix = sourceRoot ? sourceRoot + "/" : "";
  return (source) => resolve(prefix + (source || ""), from);
}
function maybeSort(mappings, owned) {
  const unsortedIndex = nextUnsortedSegmentLine(mappings, 0);
  if (unsortedIndex === mappings.length) return mappings;
  if (!owned) mappings = mappings.slice();
  for (let i = unsortedIndex; i < mappings.length; i = nextUnsortedSegmentLine(mappings, i + 1)) {
    mappings[i] = sortSegments(mappings[i], owned);
  }
  return mappings;
}
function nextUnsortedSegmentLine(mappings, start) {
  for (let i = start; i < mappings.length; i++) {
    if (!isSorted(mappings[i])) return i;
  }
  return mappings.length;
}
function isSorted(line) {
  for (let j = 1; j < line.length; j++) {
    if (line[j][COLUMN] < line[j - 1][COLUMN]) {
      return false;
    }
  }
  return true;
}
function sortSegments(line, owned) {
  if (!owned) line = line.slice();
  return line.sort(sortComparator2);
}
function sortComparator2(a, b) {
  return a[COLUMN] - b[COLUMN];
}
function binarySearch(haystack, needle, low, high) {
  while (low <= high) {
    const mid = low + (high - low >> 1);
    const cmp = haystack[mid][COLUMN] - needle;
    if (cmp === 0) {
      found = true;
      return mid;
    }
    if (cmp < 0) {
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  found = false;
  return low - 1;
}
function upperBound(haystack, needle, index) {
  for (let i = index + 1; i < haystack.length; index = i++) {
    if (haystack[i][COLUMN] !== needle) break;
  }
  return index;
}
function lowerBound(haystack, needle, index) {
  for (let i = index - 1; i >= 0; index = i--) {
    if (haystack[i][COLUMN] !== needle) break;
  }
  return index;
}
function memoizedState() {
  return {
    lastKey: -1,
    lastNeedle: -1,
    lastIndex: -1
  };
}
function memoizedBinarySearch(haystack, needle, state, key) {
  const { lastKey, lastNeedle, lastIndex } = state;
  let low = 0;
  let high = haystack.length - 1;
  if (key === lastKey) {
    if (needle === lastNeedle) {
      found = lastIndex !== -1 && haystack[lastIndex][COLUMN] === needle;
      return lastIndex;
    }
    if (needle >= lastNeedle) {
      low = lastIndex === -1 ? 0 : lastIndex;
    } else {
      high = lastIndex;
    }
  }
  state.lastKey = key;
  state.lastNeedle = needle;
  return state.lastIndex = binarySearch(haystack, needle, low, high);
}
function parse(map) {
  return typeof map === "string" ? JSON.parse(map) : map;
}
function recurse(input, mapUrl, mappings, sources, sourcesContent, names, ignoreList, lineOffset, columnOffset, stopLine, stopColumn) {
  const { sections } = input;
  for (let i = 0; i < sections.length; i++) {
    const { map, offset } = sections[i];
    let sl = stopLine;
    let sc = stopColumn;
    if (i + 1 < sections.length) {
      const nextOffset = sections[i + 1].offset;
      sl = Math.min(stopLine, lineOffset + nextOffset.line);
      if (sl === stopLine) {
        sc = Math.min(stopColumn, columnOffset + nextOffset.column);
      } else if (sl < stopLine) {
        sc = columnOffset + nextOffset.column;
      }
    }
    addSection(
      map,
      mapUrl,
      mappings,
      sources,
      sourcesContent,
      names,
      ignoreList,
      lineOffset + offset.line,
      columnOffset + offset.column,
      sl,
      sc
    );
  }
}
function addSection(input, mapUrl, mappings, sources, sourcesContent, names, ignoreList, lineOffset, columnOffset, stopLine, stopColumn) {
  const parsed = parse(input);
  if ("sections" in parsed) return recurse(...arguments);
  const map = new TraceMap(parsed, mapUrl);
  const sourcesOffset = sources.length;
  const namesOffset = names.length;
  const decoded = decodedMappings(map);
  const { resolvedSources, sourcesContent: contents, ignoreList: ignores } = map;
  append(sources, resolvedSources);
  append(names, map.names);
  if (contents) append(sourcesContent, contents);
  else for (let i = 0; i < resolvedSources.length; i++) sourcesContent.push(null);
  if (ignores) for (let i = 0; i < ignores.length; i++) ignoreList.push(ignores[i] + sourcesOffset);
  for (let i = 0; i < decoded.length; i++) {
    const lineI = lineOffset + i;
    if (lineI > stopLine) return;
    const out = getLine(mappings, lineI);
    const cOffset = i === 0 ? columnOffset : 0;
    const line = decoded[i];
    for (let j = 0; j < line.length; j++) {
      const seg = line[j];
      const column = cOffset + seg[COLUMN];
      if (lineI === stopLine && column >= stopColumn) return;
      if (seg.length === 1) {
        out.push([column]);
        continue;
      }
      const sourcesIndex = sourcesOffset + seg[SOURCES_INDEX];
      const sourceLine = seg[SOURCE_LINE];
      const sourceColumn = seg[SOURCE_COLUMN];
      out.push(
        seg.length === 4 ? [column, sourcesIndex, sourceLine, sourceColumn] : [column, sourcesIndex, sourceLine, sourceColumn, namesOffset + seg[NAMES_INDEX]]
      );
    }
  }
}
function append(arr, other) {
  for (let i = 0; i < other.length; i++) arr.push(other[i]);
}
function getLine(arr, index) {
  for (let i = arr.length; i <= index; i++) arr[i] = [];
  return arr[index];
}
function cast(map) {
  return map;
}
function decodedMappings(map) {
  var _a;
  return (_a = cast(map))._decoded || (_a._decoded = decode(cast(map)._encoded));
}
function traceSegment(map, line, column) {
  const decoded = decodedMappings(map);
  if (line >= decoded.length) return null;
  const segments = decoded[line];
  const index = traceSegmentInternal(
    segments,
    cast(map)._decodedMemo,
    line,
    column,
    GREATEST_LOWER_BOUND
  );
  return index === -1 ? null : segments[index];
}
function presortedDecodedMap(map, mapUrl) {
  const tracer = new TraceMap(clone(map, []), mapUrl);
  cast(tracer)._decoded = map.mappings;
  return tracer;
}
function clone(map, mappings) {
  return {
    version: map.version,
    file: map.file,
    names: map.names,
    sourceRoot: map.sourceRoot,
    sources: map.sources,
    sourcesContent: map.sourcesContent,
    mappings,
    ignoreList: map.ignoreList || map.x_google_ignoreList
  };
}
function traceSegmentInternal(segments, memo, line, column, bias) {
  let index = memoizedBinarySearch(segments, column, memo, line);
  if (found) {
    index = (bias === LEAST_UPPER_BOUND ? upperBound : lowerBound)(segments, column, index);
  } else if (bias === LEAST_UPPER_BOUND) index++;
  if (index === -1 || index === segments.length) return -1;
  return index;
}
var COLUMN, SOURCES_INDEX, SOURCE_LINE, SOURCE_COLUMN, NAMES_INDEX, found, FlattenMap, LEAST_UPPER_BOUND, GREATEST_LOWER_BOUND, TraceMap;
var init_trace_mapping = __esm({
  "node_modules/@jridgewell/trace-mapping/dist/trace-mapping.mjs"() {
    init_sourcemap_codec();
    init_resolve_uri();
    COLUMN = 0;
    SOURCES_INDEX = 1;
    SOURCE_LINE = 2;
    SOURCE_COLUMN = 3;
    NAMES_INDEX = 4;
    found = false;
    FlattenMap = function(map, mapUrl) {
      const parsed = parse(map);
      if (!("sections" in parsed)) {
        return new TraceMap(parsed, mapUrl);
      }
      const mappings = [];
      const sources = [];
      const sourcesContent = [];
      const names = [];
      const ignoreList = [];
      recurse(
        parsed,
        mapUrl,
        mappings,
        sources,
        sourcesContent,
        names,
        ignoreList,
        0,
        0,
        Infinity,
        Infinity
      );
      const joined = {
        version: 3,
        file: parsed.file,
        names,
        sources,
        sourcesContent,
        mappings,
        ignoreList
      };
      return presortedDecodedMap(joined);
    };
    LEAST_UPPER_BOUND = -1;
    GREATEST_LOWER_BOUND = 1;
    TraceMap = class {
      constructor(map, mapUrl) {
        const isString = typeof map === "string";
        if (!isString && map._decodedMemo) return map;
        const parsed = parse(map);
        const { version, file, names, sourceRoot, sources, sourcesContent } = parsed;
        this.version = version;
        this.file = file;
        this.names = names || [];
        this.sourceRoot = sourceRoot;
        this.sources = sources;
        this.sourcesContent = sourcesContent;
        this.ignoreList = parsed.ignoreList || parsed.x_google_ignoreList || void 0;
        const resolve2 = resolver(mapUrl, sourceRoot);
        this.resolvedSources = sources.map(resolve2);
        const { mappings } = parsed;
        if (typeof mappings === "string") {
          this._encoded = mappings;
          this._decoded = void 0;
        } else if (Array.isArray(mappings)) {
          this._encoded = void 0;
          this._decoded = maybeSort(mappings, isString);
        } else if (parsed.sections) {
          throw new Error(`TraceMap passed sectioned source map, please use FlattenMap export instead`);
        } else {
          throw new Error(`invalid source map: ${JSON.stringify(parsed)}`);
        }
        this._decodedMemo = memoizedState();
        this._bySources = void 0;
        this._bySourceMemos = void 0;
      }
    };
  }
});

// src/sourcemap/paths.ts
import path8 from "node:path";
function originalName(mapPath, source) {
  if (WEBPACK.test(source)) {
    const relative = source.replace(WEBPACK, "").replace(/\?[^/]{0,200}$/, "");
    return named(mapPath, path8.posix.join(projectDirOf(mapPath), relative));
  }
  if (source.startsWith("file://")) return named(mapPath, source.slice("file://".length));
  if (/^[a-z][a-z0-9+.-]{1,20}:/i.test(source)) return { path: source, outside: true };
  return named(mapPath, path8.posix.join(path8.posix.dirname(mapPath), source));
}
function named(mapPath, displayPath2) {
  const normal = path8.posix.normalize(displayPath2);
  if (path8.posix.isAbsolute(mapPath)) return { path: normal, outside: false };
  return { path: normal, outside: path8.posix.isAbsolute(normal) || climbs(normal) > climbs(mapPath) };
}
function climbs(relative) {
  let count = 0;
  for (const segment of relative.split("/")) {
    if (segment !== "..") break;
    count++;
  }
  return count;
}
function projectDirOf(mapPath) {
  const segments = path8.posix.dirname(mapPath).split("/");
  for (let index = segments.length - 1; index >= 0; index--) {
    if (BUILD_DIRS.has(segments[index])) return segments.slice(0, index).join("/") || ".";
  }
  return path8.posix.dirname(mapPath);
}
var WEBPACK, BUILD_DIRS;
var init_paths = __esm({
  "src/sourcemap/paths.ts"() {
    "use strict";
    WEBPACK = /^webpack:\/\/[^/]{0,200}\//;
    BUILD_DIRS = /* @__PURE__ */ new Set(["dist", "build", "out", ".next", "public", "static"]);
  }
});

// src/sourcemap/load.ts
function loadSourceMap(mapPath, text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON (${describeError(error)})` };
  }
  if (!isRecord(json) || json.version !== 3) return { error: "not a version 3 source map" };
  if (!Array.isArray(json.sections) && !Array.isArray(json.sources))
    return { error: "no `sources` and no `sections`" };
  let trace;
  try {
    trace = new FlattenMap(json);
  } catch (error) {
    return { error: `cannot be decoded (${describeError(error)})` };
  }
  const sourceNames = trace.resolvedSources.map(
    (source, index) => source ?? trace.sources[index] ?? `source-${index}`
  );
  const problems = [];
  const mappingsUsable = onlyVlqCharacters(json.mappings, problems) && checkMappings(trace, sourceNames.length, problems);
  return {
    map: {
      path: mapPath,
      trace,
      originals: sourceNames.map((source) => originalName(mapPath, source)),
      contents: sourceNames.map((_, index) => trace.sourcesContent?.[index] ?? null),
      mappingsUsable,
      problems
    }
  };
}
function onlyVlqCharacters(mappings, problems) {
  if (typeof mappings !== "string" || /^[A-Za-z0-9+/,;]*$/.test(mappings)) return true;
  problems.push("mappings are corrupt (characters outside base64 VLQ)");
  return false;
}
function checkMappings(trace, sourceCount, problems) {
  let lines;
  try {
    lines = decodedMappings(trace);
  } catch (error) {
    problems.push(`mappings cannot be decoded (${describeError(error)})`);
    return false;
  }
  for (const line of lines) {
    for (const segment of line) {
      const bad = segment.some((value) => !Number.isInteger(value) || value < 0);
      if (bad || segment.length >= 4 && segment[1] >= sourceCount) {
        problems.push("mappings are corrupt (a segment with a bad number or a source that does not exist)");
        return false;
      }
    }
  }
  return true;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
var init_load = __esm({
  "src/sourcemap/load.ts"() {
    "use strict";
    init_trace_mapping();
    init_redact();
    init_paths();
  }
});

// src/sourcemap/reference.ts
function findMapReference(text) {
  const marker = text.lastIndexOf(MARKER);
  if (marker === -1) return void 0;
  const introducer = text.slice(Math.max(0, marker - 4), marker);
  if (!/(?:\/\/|\/\*)[#@] ?$/.test(introducer)) return void 0;
  const valueStart = marker + MARKER.length;
  const rest = text.slice(valueStart);
  const endMatch = URL_END.exec(rest);
  const value = endMatch ? rest.slice(0, endMatch.index) : rest;
  if (value === "") return void 0;
  const data = DATA_URL.exec(value);
  if (!data) return { url: value };
  const payload = value.slice(data[0].length);
  return { inline: data[1] ? Buffer.from(payload, "base64").toString("utf8") : decodeURIComponent(payload) };
}
var MARKER, DATA_URL, URL_END;
var init_reference = __esm({
  "src/sourcemap/reference.ts"() {
    "use strict";
    MARKER = "sourceMappingURL=";
    DATA_URL = /^data:application\/json(?:;charset=[\w-]{1,20})?(;base64)?,/i;
    URL_END = /[\s*'"]/;
  }
});

// src/walk/classify.ts
import path9 from "node:path";
function classify(filePath, head) {
  const base = path9.posix.basename(filePath);
  if (NATIVE_BUNDLES.has(base)) return "bundle";
  if (base === ".env" || base.startsWith(".env.")) return "env";
  const kind = BY_EXTENSION[path9.posix.extname(base).toLowerCase()] ?? "text";
  if (kind === "js" && (base.includes(".min.") || looksMinified(head))) return "bundle";
  return kind;
}
function looksMinified(head) {
  let lineStart = 0;
  for (let nl = head.indexOf("\n"); nl !== -1; nl = head.indexOf("\n", nl + 1)) {
    if (nl - lineStart > MINIFIED_LINE) return true;
    lineStart = nl + 1;
  }
  return head.length - lineStart > MINIFIED_LINE;
}
function skipReasonByName(filePath) {
  const base = path9.posix.basename(filePath);
  if (LOCKFILES.has(base)) return "lockfile (integrity hashes, no source)";
  const ext = path9.posix.extname(base).toLowerCase();
  if (SKIPPED_EXTENSIONS.has(ext)) return `${ext} file (image, font, media or archive)`;
  return void 0;
}
var BY_EXTENSION, NATIVE_BUNDLES, MINIFIED_LINE, SKIPPED_EXTENSIONS, LOCKFILES;
var init_classify = __esm({
  "src/walk/classify.ts"() {
    "use strict";
    BY_EXTENSION = {
      ".js": "js",
      ".mjs": "js",
      ".cjs": "js",
      ".jsx": "jsx",
      ".ts": "ts",
      ".mts": "ts",
      ".cts": "ts",
      ".tsx": "tsx",
      ".map": "sourcemap",
      ".json": "json",
      ".html": "html",
      ".htm": "html",
      ".vue": "html",
      ".svelte": "html",
      ".astro": "html"
    };
    NATIVE_BUNDLES = /* @__PURE__ */ new Set(["index.android.bundle", "index.ios.bundle", "main.jsbundle"]);
    MINIFIED_LINE = 1e3;
    SKIPPED_EXTENSIONS = /* @__PURE__ */ new Set([
      ...[".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".bmp", ".tiff", ".psd"],
      ...[".woff", ".woff2", ".ttf", ".otf", ".eot"],
      ...[".mp3", ".mp4", ".webm", ".ogg", ".wav", ".mov", ".pdf", ".zip", ".gz", ".br", ".tgz", ".wasm"]
    ]);
    LOCKFILES = /* @__PURE__ */ new Set([
      "package-lock.json",
      "npm-shrinkwrap.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "bun.lock",
      "bun.lockb"
    ]);
  }
});

// src/extract/sourcemap.ts
function mapContents(location, mapPath, mapText) {
  const loaded = loadSourceMap(mapPath, mapText);
  if ("error" in loaded) {
    return {
      embedded: [],
      diagnostics: [
        { code: "sourcemap-invalid", path: mapPath, message: `source map ignored: ${loaded.error}` }
      ]
    };
  }
  const { map } = loaded;
  const diagnostics = map.problems.map((problem) => ({
    code: "sourcemap-invalid",
    path: mapPath,
    message: `${problem}; its sources are still scanned, bundle positions are not mapped`
  }));
  const outside = map.originals.filter((original) => original.outside).map((original) => original.path);
  if (outside.length) {
    diagnostics.push({
      code: "sourcemap-outside-root",
      path: mapPath,
      message: `names ${outside.length} source${outside.length > 1 ? "s" : ""} outside the scanned tree (${outside.slice(0, 3).join(", ")}${outside.length > 3 ? ", \u2026" : ""}): used as labels only, never opened`
    });
  }
  const embedded = [];
  map.contents.forEach((content, index) => {
    if (content === null) return;
    const name = map.originals[index].path;
    embedded.push({
      source: new SourceText(location, content, name),
      kind: classify(name, content.slice(0, 4096))
    });
  });
  return { map, embedded, diagnostics };
}
function extractSourceMapContents(source, _kind) {
  const { embedded, diagnostics } = mapContents(source.path, source.path, source.text);
  return { fragments: [], embedded, diagnostics };
}
function bundleMap(bundlePath, bundleText, companion) {
  if (companion) return mapContents(companion.path, companion.path, companion.text);
  let reference;
  try {
    reference = findMapReference(bundleText);
  } catch {
    return {
      embedded: [],
      diagnostics: [
        { code: "sourcemap-invalid", path: bundlePath, message: "inline source map is not decodable" }
      ]
    };
  }
  if (!reference || !("inline" in reference)) return { embedded: [], diagnostics: [] };
  return mapContents(bundlePath, `${bundlePath} (inline map)`, reference.inline);
}
var init_sourcemap = __esm({
  "src/extract/sourcemap.ts"() {
    "use strict";
    init_load();
    init_reference();
    init_classify();
    init_fragment();
  }
});

// src/extract/index.ts
function extract(path18, text, kind, hints) {
  return extractSource(new SourceText(path18, text), kind, hints);
}
function extractSource(source, kind, hints, depth = 0) {
  const fragments = [rawFragment(source)];
  const diagnostics = [];
  const shapes = [];
  for (const extractor of EXTRACTORS[kind] ?? []) {
    try {
      const extractStarted = timing?.start() ?? 0;
      const extraction = extractor(source, kind, hints);
      timing?.stop(`extract:${extractor.name}`, extractStarted);
      for (const fragment of extraction.fragments) fragments.push(fragment);
      diagnostics.push(...extraction.diagnostics);
      if (extraction.nodes?.length) shapes.push({ source, nodes: extraction.nodes });
      for (const embedded of depth === 0 ? extraction.embedded ?? [] : []) {
        const inner = extractSource(embedded.source, embedded.kind, hints, depth + 1);
        for (const fragment of inner.fragments) fragments.push(fragment);
        diagnostics.push(...inner.diagnostics);
        shapes.push(...inner.shapes ?? []);
      }
    } catch (error) {
      diagnostics.push({
        code: "parse-failed",
        path: source.path,
        message: `extractor failed, raw text still scanned: ${describeError(error)}`
      });
    }
  }
  return { fragments, diagnostics, shapes };
}
var EXTRACTORS;
var init_extract = __esm({
  "src/extract/index.ts"() {
    "use strict";
    init_redact();
    init_timing();
    init_dotenv();
    init_fragment();
    init_js_ast();
    init_json_strings();
    init_script_blocks();
    init_sourcemap();
    EXTRACTORS = {
      sourcemap: [extractSourceMapContents],
      json: [extractJsonStrings],
      env: [extractDotenv],
      js: [extractJs],
      jsx: [extractJs],
      ts: [extractJs],
      tsx: [extractJs],
      bundle: [extractJs],
      html: [extractScriptBlocks]
    };
  }
});

// src/text/printable.ts
function printableLine(text) {
  return text.replace(LINE_BREAKS, " ").replace(UNPRINTABLE, "?");
}
var UNPRINTABLE, LINE_BREAKS;
var init_printable = __esm({
  "src/text/printable.ts"() {
    "use strict";
    UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
    LINE_BREAKS = /[\t\n\r\u2028\u2029]/g;
  }
});

// src/findings/snippet.ts
function spanDisplay(span) {
  return span.display ?? redactSecret(span.secret);
}
function buildSnippet(text, target2, spans) {
  const redacted = spanDisplay(target2);
  const room = Math.max(0, SNIPPET_MAX - redacted.length);
  const before = redactRange(text, Math.max(0, target2.start - room), target2.start, spans);
  const after = redactRange(text, target2.end, Math.min(text.length, target2.end + room), spans);
  let left = Math.ceil(room / 2);
  let right = room - left;
  if (before.length < left) right += left - before.length;
  if (after.length < right) left += right - after.length;
  return oneLine(before.slice(Math.max(0, before.length - left)) + redacted + after.slice(0, right));
}
function redactRange(text, from, to, spans) {
  let out = "";
  let cursor = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    if (span.start > cursor) out += text.slice(cursor, span.start);
    if (span.end > cursor) out += spanDisplay(span);
    cursor = Math.max(cursor, span.end);
  }
  if (cursor < to) out += text.slice(cursor, to);
  return out;
}
function oneLine(value) {
  return value.replace(/[\r\n\t\v\f\u2028\u2029]/g, " ");
}
var SNIPPET_MAX;
var init_snippet = __esm({
  "src/findings/snippet.ts"() {
    "use strict";
    init_redact();
    SNIPPET_MAX = 80;
  }
});

// src/findings/code-frame.ts
function buildCodeFrame(source, target2, spans) {
  const { text, lines } = source;
  const firstLine = lines.position(target2.start).line;
  const lastLine = lines.position(Math.max(target2.start, target2.end - 1)).line;
  const lineStart = lines.lineStart(firstLine);
  const lineEnd = endOfLine2(source, lastLine);
  const room = Math.max(0, FRAME_WIDTH - spanDisplay(target2).length);
  const available = { before: target2.start - lineStart, after: lineEnd - target2.end };
  const after = Math.min(available.after, room - Math.min(available.before, Math.ceil(room / 2)));
  const before = Math.min(available.before, room - after);
  const from = target2.start - before;
  const to = target2.end + after;
  const frame = [];
  const column = from - lineStart;
  if (firstLine > 1) frame.push(contextLine(source, firstLine - 1, column, spans));
  frame.push(clipped(text, firstLine, { from, to, lineStart, lineEnd }, spans, true));
  if (lastLine < lines.lineCount) frame.push(contextLine(source, lastLine + 1, column, spans));
  return frame;
}
function contextLine(source, line, column, spans) {
  const lineStart = source.lines.lineStart(line);
  const lineEnd = endOfLine2(source, line);
  const from = Math.min(lineStart + column, lineEnd);
  const to = Math.min(from + FRAME_WIDTH, lineEnd);
  return clipped(source.text, line, { from, to, lineStart, lineEnd }, spans, false);
}
function clipped(text, line, window2, spans, match) {
  return {
    line,
    text: printableLine(redactRange(text, window2.from, window2.to, spans)).trimEnd(),
    ...match ? { match: true } : {},
    ...window2.from > window2.lineStart ? { clippedStart: true } : {},
    ...window2.to < window2.lineEnd ? { clippedEnd: true } : {}
  };
}
function endOfLine2(source, line) {
  const end = line < source.lines.lineCount ? source.lines.lineStart(line + 1) - 1 : source.text.length;
  return end > 0 && source.text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}
var FRAME_WIDTH;
var init_code_frame = __esm({
  "src/findings/code-frame.ts"() {
    "use strict";
    init_printable();
    init_snippet();
    FRAME_WIDTH = 100;
  }
});

// src/match/visitors.ts
function matchShapes(shapes, compiled, factsFor) {
  const matches = [];
  for (const { source, nodes } of shapes) {
    const facts = factsFor(source);
    const rules6 = [...compiled.astPrefilter.candidateWindows(source.text).keys()].map((index) => compiled.astRules[index]).filter((rule) => applies(rule, facts));
    if (rules6.length === 0) continue;
    const context = { path: facts.path, kind: facts.kind, isClient: facts.isClient };
    const fragments = /* @__PURE__ */ new Map();
    for (const node of nodes) {
      for (const rule of rules6) {
        const report = visitNode(rule, node, context);
        if (!report || report.secret.length === 0) continue;
        const layer = report.layer ?? "ast";
        const fragment = fragments.get(layer) ?? { ...rawFragment(source), layer };
        fragments.set(layer, fragment);
        matches.push(toMatch(rule, report, fragment, source));
      }
    }
  }
  return matches;
}
function visitNode(rule, node, context) {
  switch (node.type) {
    case "object":
      return rule.visit.object?.(node, context);
    case "call":
    case "new":
      return rule.visit.call?.(node, context);
    case "import":
      return rule.visit.import?.(node, context);
    case "env":
      return rule.visit.env?.(node, context);
  }
}
function toMatch(rule, report, fragment, source) {
  return {
    candidate: {
      rule,
      fragment,
      secret: report.secret,
      start: report.start,
      end: report.end,
      severity: report.severity ?? rule.severity,
      title: rule.title,
      ...report.message === void 0 ? {} : { message: report.message },
      ...report.evidence === void 0 ? {} : { evidence: report.evidence },
      notes: report.notes ?? []
    },
    source,
    start: report.start,
    end: Math.max(report.start + 1, report.end),
    ...report.keyPath === void 0 ? {} : { keyPath: report.keyPath }
  };
}
var init_visitors = __esm({
  "src/match/visitors.ts"() {
    "use strict";
    init_fragment();
    init_engine();
  }
});

// src/sourcemap/supersede.ts
function dropSupersededMapMatches(matches) {
  const virtualSpellings = /* @__PURE__ */ new Map();
  for (const { source, candidate } of matches) {
    if (source.virtualSource === void 0) continue;
    const spellings = virtualSpellings.get(source.path) ?? [];
    spellings.push(
      `${candidate.rule.id}\0${JSON.stringify(candidate.secret).slice(1, -1)}`,
      `${candidate.rule.id}\0${candidate.secret}`
    );
    virtualSpellings.set(source.path, spellings);
  }
  if (virtualSpellings.size === 0) return [...matches];
  return matches.filter(({ source, candidate }) => {
    if (source.virtualSource !== void 0 || candidate.fragment.layer !== "raw" || !source.path.endsWith(".map"))
      return true;
    const spellings = virtualSpellings.get(source.path);
    if (!spellings) return true;
    const needle = `${candidate.rule.id}\0`;
    return !spellings.some(
      (spelling) => spelling.startsWith(needle) && spelling.includes(candidate.secret, needle.length)
    );
  });
}
var init_supersede = __esm({
  "src/sourcemap/supersede.ts"() {
    "use strict";
  }
});

// src/sourcemap/original.ts
function createOriginalLocator(map) {
  const lineIndexes = /* @__PURE__ */ new Map();
  const linesOf = (sourceIndex, content) => {
    const known2 = lineIndexes.get(sourceIndex);
    if (known2) return known2;
    const index = new LineIndex(content);
    lineIndexes.set(sourceIndex, index);
    return index;
  };
  return (start, secret) => {
    if (!map.mappingsUsable) return void 0;
    const generatedColumn = start.column - 1;
    const segment = traceSegment(map.trace, start.line - 1, generatedColumn);
    if (!segment || segment.length < 4) return void 0;
    const [segmentColumn, sourceIndex, line, column] = segment;
    const original = map.originals[sourceIndex];
    if (!original) return void 0;
    const at = { line: line + 1, column: column + 1 };
    const location = { path: original.path, start: at, end: at };
    const content = map.contents[sourceIndex];
    if (!content) return location;
    const lines = linesOf(sourceIndex, content);
    const tokenOffset = lines.lineStart(at.line) + column;
    const secretOffset = tokenOffset + (generatedColumn - segmentColumn);
    const probe = secret.slice(0, PROBE_CHARS);
    if (content.startsWith(probe, secretOffset)) {
      const whole = content.startsWith(secret, secretOffset);
      return {
        path: original.path,
        start: lines.position(secretOffset),
        end: lines.position(secretOffset + (whole ? secret.length : probe.length))
      };
    }
    return location;
  };
}
var PROBE_CHARS;
var init_original = __esm({
  "src/sourcemap/original.ts"() {
    "use strict";
    init_trace_mapping();
    init_line_index();
    PROBE_CHARS = 12;
  }
});

// src/sourcemap/unit.ts
function bundleUnit(input, hints) {
  if (!input.map && !MAPPED_KINDS.has(input.kind)) return { fragments: [], diagnostics: [] };
  const extraction = bundleMap(input.path, input.text, input.map);
  const fragments = input.map ? [rawFragment(new SourceText(input.map.path, input.map.text))] : [];
  const diagnostics = [...extraction.diagnostics];
  for (const embedded of extraction.embedded) {
    const inner = extractSource(embedded.source, embedded.kind, hints, 1);
    fragments.push(...inner.fragments);
    diagnostics.push(...inner.diagnostics);
  }
  return {
    fragments,
    diagnostics,
    ...extraction.map?.mappingsUsable ? { locateOriginal: createOriginalLocator(extraction.map) } : {}
  };
}
var MAPPED_KINDS;
var init_unit = __esm({
  "src/sourcemap/unit.ts"() {
    "use strict";
    init_fragment();
    init_extract();
    init_sourcemap();
    init_original();
    MAPPED_KINDS = /* @__PURE__ */ new Set(["js", "bundle"]);
  }
});

// src/scan-file.ts
function scanFileText(input, compiled) {
  const { fragments, diagnostics, shapes } = extract(input.path, input.text, input.kind, compiled);
  const unit = bundleUnit(input, compiled);
  fragments.push(...unit.fragments);
  diagnostics.push(...unit.diagnostics);
  const factsFor = factsBySource(input);
  const located = /* @__PURE__ */ new Map();
  for (const fragment of fragments) {
    for (const candidate of matchFragment(fragment, compiled, factsFor(fragment.source))) {
      const { start, end } = fragmentSpanToSource(fragment, candidate.start, candidate.end);
      const source = fragment.source;
      const key = [candidate.rule.id, candidate.secret, source.path, source.virtualSource ?? "", start].join(
        "\0"
      );
      const existing = located.get(key);
      if (existing) {
        for (const note of candidate.notes) existing.notes.add(note);
        existing.keyPath ??= fragment.keyPath;
        continue;
      }
      located.set(key, {
        candidate,
        source,
        start,
        end,
        notes: new Set(candidate.notes),
        keyPath: fragment.keyPath
      });
    }
  }
  addShapeMatches(located, matchShapes(shapes ?? [], compiled, factsFor));
  dropMisreadRawMatches(located);
  const kept = dropSupersededMapMatches([...located.values()]);
  return { found: toFoundSecrets(kept, input.path, unit.locateOriginal), diagnostics };
}
function dropMisreadRawMatches(located) {
  const placeOf = (item) => [item.source.path, item.source.virtualSource ?? "", item.start].join("\0");
  const longest = /* @__PURE__ */ new Map();
  const understood = /* @__PURE__ */ new Set();
  for (const item of located.values()) {
    const other = longest.get(placeOf(item));
    if (!other || item.candidate.secret.length > other.candidate.secret.length)
      longest.set(placeOf(item), item);
    if (item.candidate.fragment.layer !== "raw")
      understood.add(`${item.candidate.rule.id}\0${placeOf(item)}`);
  }
  for (const [key, item] of located) {
    const kept = longest.get(placeOf(item));
    const { secret } = item.candidate;
    const cutShort = kept.candidate.secret.length > secret.length && kept.candidate.secret.startsWith(secret);
    const misread = item.candidate.fragment.layer === "raw" && understood.has(`${item.candidate.rule.id}\0${placeOf(item)}`);
    if (cutShort || misread) located.delete(key);
  }
}
function addShapeMatches(located, matches) {
  const place = (source, secret, start) => [source.path, source.virtualSource ?? "", secret, start].join("\0");
  const valueAt = new Map(
    [...located.values()].map((item) => [place(item.source, item.candidate.secret, item.start), item])
  );
  for (const match of matches) {
    const value = valueAt.get(place(match.source, match.candidate.secret, match.start));
    if (value) {
      for (const note of match.candidate.notes) value.notes.add(note);
      continue;
    }
    const key = [match.candidate.rule.id, place(match.source, match.candidate.secret, match.start)].join(
      "\0"
    );
    if (!located.has(key)) located.set(key, { ...match, notes: new Set(match.candidate.notes) });
  }
}
function factsBySource(input) {
  const shared = input.publicEnv ? { publicEnv: input.publicEnv } : {};
  const own = { path: input.path, kind: input.kind, isClient: input.isClient, ...shared };
  const cache = /* @__PURE__ */ new Map();
  return (source) => {
    if (source.path === input.path && source.virtualSource === void 0) return own;
    let facts = cache.get(source);
    if (!facts) {
      const path18 = source.virtualSource ?? source.path;
      facts = { path: path18, kind: classify(path18, source.text.slice(0, 4096)), isClient: input.isClient, ...shared };
      cache.set(source, facts);
    }
    return facts;
  };
}
function spanOf(start, end, candidate) {
  const span = { start, end, secret: candidate.secret };
  return candidate.evidence === "code" ? { ...span, display: candidate.secret } : span;
}
function toFoundSecrets(located, bundlePath, locateOriginal) {
  const spansBySource = /* @__PURE__ */ new Map();
  for (const item of located) {
    const spans = spansBySource.get(item.source) ?? [];
    spans.push(spanOf(item.start, item.end, item.candidate));
    spansBySource.set(item.source, spans);
  }
  for (const spans of spansBySource.values()) spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return located.map(({ candidate, source, start, end, notes, keyPath }) => {
    const target2 = spanOf(start, end, candidate);
    const spans = spansBySource.get(source) ?? [];
    const position = source.lines.position(start);
    const inBundle = locateOriginal && source.path === bundlePath && source.virtualSource === void 0;
    const original = inBundle ? locateOriginal(position, candidate.secret) : void 0;
    const occurrence = {
      location: {
        path: source.path,
        ...source.virtualSource === void 0 ? {} : { virtualSource: source.virtualSource },
        start: position,
        end: source.lines.position(end)
      },
      ...original ? { original } : {},
      layer: candidate.fragment.layer,
      snippet: buildSnippet(source.text, target2, spans),
      frame: buildCodeFrame(source, target2, spans),
      ...keyPath === void 0 ? {} : { keyPath },
      ...notes.size === 0 ? {} : { notes: [...notes] }
    };
    return {
      ruleId: candidate.rule.id,
      severity: candidate.severity,
      title: candidate.title,
      ...candidate.evidence === void 0 ? {} : { evidence: candidate.evidence },
      ...candidate.message === void 0 ? {} : { message: candidate.message },
      secret: candidate.secret,
      occurrence
    };
  });
}
var init_scan_file = __esm({
  "src/scan-file.ts"() {
    "use strict";
    init_fragment();
    init_extract();
    init_code_frame();
    init_snippet();
    init_engine();
    init_visitors();
    init_supersede();
    init_unit();
    init_classify();
  }
});

// src/walk/decode.ts
import { isUtf8 } from "node:buffer";
function decodeFile(path18, bytes) {
  if (bytes.length >= 2 && bytes[0] === 255 && bytes[1] === 254)
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 254 && bytes[1] === 255)
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) {
    return {
      skipped: {
        code: "skipped-binary",
        path: path18,
        message: "binary file (NUL byte in the first 8 KiB)",
        skipped: true
      }
    };
  }
  const body = bytes.length >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? bytes.subarray(3) : bytes;
  const text = body.toString("utf8");
  if (isUtf8(body)) return { text };
  return {
    text,
    diagnostic: {
      code: "decoded-lossy",
      path: path18,
      message: "invalid UTF-8: bad bytes read as U+FFFD, the rest scanned as usual"
    }
  };
}
var SNIFF_BYTES;
var init_decode2 = __esm({
  "src/walk/decode.ts"() {
    "use strict";
    SNIFF_BYTES = 8192;
  }
});

// src/scan-bytes.ts
function skippedFile(diagnostic) {
  return { found: [], diagnostics: [diagnostic], bytesScanned: 0, scanned: false };
}
async function readFileSource(file) {
  const started = timing?.start() ?? 0;
  try {
    return await file.read();
  } catch (error) {
    const code2 = error.code;
    return skippedFile({
      code: "skipped-unreadable",
      path: file.path,
      message: `skipped: cannot read (${code2 ?? describeError(error)})`,
      skipped: true
    });
  } finally {
    timing?.stop("read", started);
  }
}
async function readCompanion(file) {
  if (!file.companion) return void 0;
  const bytes = await readFileSource(file.companion);
  return bytes instanceof Uint8Array ? { path: file.companion.path, bytes } : bytes.diagnostics[0];
}
function scanFileBytes(path18, bytes, context, companion) {
  const decodeStarted = timing?.start() ?? 0;
  const decoded = decodeFile(path18, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  timing?.stop("decode", decodeStarted);
  if ("skipped" in decoded) return skippedFile(decoded.skipped);
  const head = decoded.text.slice(0, HEAD_CHARS);
  const map = decodeCompanion(companion);
  const output = scanFileText(
    {
      path: path18,
      text: decoded.text,
      kind: classify(path18, head),
      isClient: context.isClient(path18, head),
      publicEnv: context.publicEnv,
      ...map.map ? { map: map.map } : {}
    },
    context.compiled
  );
  const diagnostics = [decoded.diagnostic, map.diagnostic].filter((diagnostic) => diagnostic !== void 0);
  return {
    found: output.found,
    diagnostics: [...diagnostics, ...output.diagnostics],
    bytesScanned: bytes.byteLength + map.bytes,
    scanned: true
  };
}
function decodeCompanion(companion) {
  if (!companion) return { bytes: 0 };
  if (!("bytes" in companion)) return { diagnostic: companion, bytes: 0 };
  const decoded = decodeFile(
    companion.path,
    Buffer.from(companion.bytes.buffer, companion.bytes.byteOffset, companion.bytes.byteLength)
  );
  if ("skipped" in decoded) return { diagnostic: decoded.skipped, bytes: 0 };
  return {
    map: { path: companion.path, text: decoded.text },
    ...decoded.diagnostic ? { diagnostic: decoded.diagnostic } : {},
    bytes: companion.bytes.byteLength
  };
}
var HEAD_CHARS;
var init_scan_bytes = __esm({
  "src/scan-bytes.ts"() {
    "use strict";
    init_redact();
    init_scan_file();
    init_timing();
    init_classify();
    init_decode2();
    HEAD_CHARS = 4096;
  }
});

// src/pool/pool.ts
var pool_exports = {};
__export(pool_exports, {
  scanInPool: () => scanInPool
});
import { Worker } from "node:worker_threads";
function scanInPool(files, setup, workerCount2) {
  const order = files.map((_, index) => index).sort((a, b) => files[b].size - files[a].size || a - b);
  const results = new Array(files.length);
  const workers = [];
  let nextInOrder = 0;
  let remaining = files.length;
  return new Promise((resolve2, reject) => {
    let settled = false;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      Promise.all(workers.map((worker) => worker.terminate())).then(
        () => error ? reject(error) : resolve2(results),
        reject
      );
    };
    const complete = (index, result2) => {
      results[index] = result2;
      if (--remaining === 0) finish();
    };
    const feed = async (worker) => {
      while (!settled) {
        const index = order[nextInOrder++];
        if (index === void 0) return;
        const file = files[index];
        const bytes = await readFileSource(file);
        if (!(bytes instanceof Uint8Array)) {
          complete(index, bytes);
          continue;
        }
        const map = await readCompanion(file);
        const task = {
          index,
          path: file.path,
          bytes: ownBuffer(bytes),
          ...map && "bytes" in map ? { map: { path: map.path, bytes: ownBuffer(map.bytes) } } : map ? { map } : {}
        };
        const transfer = [task.bytes.buffer];
        if (task.map && "bytes" in task.map) transfer.push(task.map.bytes.buffer);
        worker.postMessage(task, transfer);
        return;
      }
    };
    if (files.length === 0) return finish();
    for (let started = 0; started < workerCount2; started++) {
      const worker = new Worker(WORKER_URL, { workerData: setup });
      workers.push(worker);
      worker.on("message", (reply) => {
        if ("error" in reply)
          return finish(new Error(`scanning ${files[reply.index]?.path} failed: ${reply.error}`));
        if (reply.timings) timing?.add(reply.timings);
        complete(reply.index, reply.result);
        feed(worker).catch(finish);
      });
      worker.on("error", finish);
      worker.on("exit", (code2) => finish(new Error(`a scan worker stopped early (exit code ${code2})`)));
      for (let task = 0; task < TASKS_PER_WORKER; task++) feed(worker).catch(finish);
    }
  });
}
function ownBuffer(bytes) {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}
var WORKER_URL, TASKS_PER_WORKER;
var init_pool = __esm({
  "src/pool/pool.ts"() {
    "use strict";
    init_scan_bytes();
    init_timing();
    WORKER_URL = new URL("./worker.js", import.meta.url);
    TASKS_PER_WORKER = 2;
  }
});

// node_modules/fast-glob/out/utils/array.js
var require_array = __commonJS({
  "node_modules/fast-glob/out/utils/array.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.splitWhen = exports.flatten = void 0;
    function flatten(items) {
      return items.reduce((collection, item) => [].concat(collection, item), []);
    }
    exports.flatten = flatten;
    function splitWhen(items, predicate) {
      const result2 = [[]];
      let groupIndex = 0;
      for (const item of items) {
        if (predicate(item)) {
          groupIndex++;
          result2[groupIndex] = [];
        } else {
          result2[groupIndex].push(item);
        }
      }
      return result2;
    }
    exports.splitWhen = splitWhen;
  }
});

// node_modules/fast-glob/out/utils/errno.js
var require_errno = __commonJS({
  "node_modules/fast-glob/out/utils/errno.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isEnoentCodeError = void 0;
    function isEnoentCodeError(error) {
      return error.code === "ENOENT";
    }
    exports.isEnoentCodeError = isEnoentCodeError;
  }
});

// node_modules/fast-glob/out/utils/fs.js
var require_fs = __commonJS({
  "node_modules/fast-glob/out/utils/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDirentFromStats = void 0;
    var DirentFromStats = class {
      constructor(name, stats) {
        this.name = name;
        this.isBlockDevice = stats.isBlockDevice.bind(stats);
        this.isCharacterDevice = stats.isCharacterDevice.bind(stats);
        this.isDirectory = stats.isDirectory.bind(stats);
        this.isFIFO = stats.isFIFO.bind(stats);
        this.isFile = stats.isFile.bind(stats);
        this.isSocket = stats.isSocket.bind(stats);
        this.isSymbolicLink = stats.isSymbolicLink.bind(stats);
      }
    };
    function createDirentFromStats(name, stats) {
      return new DirentFromStats(name, stats);
    }
    exports.createDirentFromStats = createDirentFromStats;
  }
});

// node_modules/fast-glob/out/utils/path.js
var require_path = __commonJS({
  "node_modules/fast-glob/out/utils/path.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.convertPosixPathToPattern = exports.convertWindowsPathToPattern = exports.convertPathToPattern = exports.escapePosixPath = exports.escapeWindowsPath = exports.escape = exports.removeLeadingDotSegment = exports.makeAbsolute = exports.unixify = void 0;
    var os = __require("os");
    var path18 = __require("path");
    var IS_WINDOWS_PLATFORM = os.platform() === "win32";
    var LEADING_DOT_SEGMENT_CHARACTERS_COUNT = 2;
    var POSIX_UNESCAPED_GLOB_SYMBOLS_RE = /(\\?)([()*?[\]{|}]|^!|[!+@](?=\()|\\(?![!()*+?@[\]{|}]))/g;
    var WINDOWS_UNESCAPED_GLOB_SYMBOLS_RE = /(\\?)([()[\]{}]|^!|[!+@](?=\())/g;
    var DOS_DEVICE_PATH_RE = /^\\\\([.?])/;
    var WINDOWS_BACKSLASHES_RE = /\\(?![!()+@[\]{}])/g;
    function unixify(filepath) {
      return filepath.replace(/\\/g, "/");
    }
    exports.unixify = unixify;
    function makeAbsolute(cwd, filepath) {
      return path18.resolve(cwd, filepath);
    }
    exports.makeAbsolute = makeAbsolute;
    function removeLeadingDotSegment(entry) {
      if (entry.charAt(0) === ".") {
        const secondCharactery = entry.charAt(1);
        if (secondCharactery === "/" || secondCharactery === "\\") {
          return entry.slice(LEADING_DOT_SEGMENT_CHARACTERS_COUNT);
        }
      }
      return entry;
    }
    exports.removeLeadingDotSegment = removeLeadingDotSegment;
    exports.escape = IS_WINDOWS_PLATFORM ? escapeWindowsPath : escapePosixPath;
    function escapeWindowsPath(pattern) {
      return pattern.replace(WINDOWS_UNESCAPED_GLOB_SYMBOLS_RE, "\\$2");
    }
    exports.escapeWindowsPath = escapeWindowsPath;
    function escapePosixPath(pattern) {
      return pattern.replace(POSIX_UNESCAPED_GLOB_SYMBOLS_RE, "\\$2");
    }
    exports.escapePosixPath = escapePosixPath;
    exports.convertPathToPattern = IS_WINDOWS_PLATFORM ? convertWindowsPathToPattern : convertPosixPathToPattern;
    function convertWindowsPathToPattern(filepath) {
      return escapeWindowsPath(filepath).replace(DOS_DEVICE_PATH_RE, "//$1").replace(WINDOWS_BACKSLASHES_RE, "/");
    }
    exports.convertWindowsPathToPattern = convertWindowsPathToPattern;
    function convertPosixPathToPattern(filepath) {
      return escapePosixPath(filepath);
    }
    exports.convertPosixPathToPattern = convertPosixPathToPattern;
  }
});

// node_modules/is-extglob/index.js
var require_is_extglob = __commonJS({
  "node_modules/is-extglob/index.js"(exports, module) {
    module.exports = function isExtglob(str) {
      if (typeof str !== "string" || str === "") {
        return false;
      }
      var match;
      while (match = /(\\).|([@?!+*]\(.*\))/g.exec(str)) {
        if (match[2]) return true;
        str = str.slice(match.index + match[0].length);
      }
      return false;
    };
  }
});

// node_modules/is-glob/index.js
var require_is_glob = __commonJS({
  "node_modules/is-glob/index.js"(exports, module) {
    var isExtglob = require_is_extglob();
    var chars2 = { "{": "}", "(": ")", "[": "]" };
    var strictCheck = function(str) {
      if (str[0] === "!") {
        return true;
      }
      var index = 0;
      var pipeIndex = -2;
      var closeSquareIndex = -2;
      var closeCurlyIndex = -2;
      var closeParenIndex = -2;
      var backSlashIndex = -2;
      while (index < str.length) {
        if (str[index] === "*") {
          return true;
        }
        if (str[index + 1] === "?" && /[\].+)]/.test(str[index])) {
          return true;
        }
        if (closeSquareIndex !== -1 && str[index] === "[" && str[index + 1] !== "]") {
          if (closeSquareIndex < index) {
            closeSquareIndex = str.indexOf("]", index);
          }
          if (closeSquareIndex > index) {
            if (backSlashIndex === -1 || backSlashIndex > closeSquareIndex) {
              return true;
            }
            backSlashIndex = str.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeSquareIndex) {
              return true;
            }
          }
        }
        if (closeCurlyIndex !== -1 && str[index] === "{" && str[index + 1] !== "}") {
          closeCurlyIndex = str.indexOf("}", index);
          if (closeCurlyIndex > index) {
            backSlashIndex = str.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeCurlyIndex) {
              return true;
            }
          }
        }
        if (closeParenIndex !== -1 && str[index] === "(" && str[index + 1] === "?" && /[:!=]/.test(str[index + 2]) && str[index + 3] !== ")") {
          closeParenIndex = str.indexOf(")", index);
          if (closeParenIndex > index) {
            backSlashIndex = str.indexOf("\\", index);
            if (backSlashIndex === -1 || backSlashIndex > closeParenIndex) {
              return true;
            }
          }
        }
        if (pipeIndex !== -1 && str[index] === "(" && str[index + 1] !== "|") {
          if (pipeIndex < index) {
            pipeIndex = str.indexOf("|", index);
          }
          if (pipeIndex !== -1 && str[pipeIndex + 1] !== ")") {
            closeParenIndex = str.indexOf(")", pipeIndex);
            if (closeParenIndex > pipeIndex) {
              backSlashIndex = str.indexOf("\\", pipeIndex);
              if (backSlashIndex === -1 || backSlashIndex > closeParenIndex) {
                return true;
              }
            }
          }
        }
        if (str[index] === "\\") {
          var open = str[index + 1];
          index += 2;
          var close = chars2[open];
          if (close) {
            var n = str.indexOf(close, index);
            if (n !== -1) {
              index = n + 1;
            }
          }
          if (str[index] === "!") {
            return true;
          }
        } else {
          index++;
        }
      }
      return false;
    };
    var relaxedCheck = function(str) {
      if (str[0] === "!") {
        return true;
      }
      var index = 0;
      while (index < str.length) {
        if (/[*?{}()[\]]/.test(str[index])) {
          return true;
        }
        if (str[index] === "\\") {
          var open = str[index + 1];
          index += 2;
          var close = chars2[open];
          if (close) {
            var n = str.indexOf(close, index);
            if (n !== -1) {
              index = n + 1;
            }
          }
          if (str[index] === "!") {
            return true;
          }
        } else {
          index++;
        }
      }
      return false;
    };
    module.exports = function isGlob(str, options) {
      if (typeof str !== "string" || str === "") {
        return false;
      }
      if (isExtglob(str)) {
        return true;
      }
      var check = strictCheck;
      if (options && options.strict === false) {
        check = relaxedCheck;
      }
      return check(str);
    };
  }
});

// node_modules/glob-parent/index.js
var require_glob_parent = __commonJS({
  "node_modules/glob-parent/index.js"(exports, module) {
    "use strict";
    var isGlob = require_is_glob();
    var pathPosixDirname = __require("path").posix.dirname;
    var isWin32 = __require("os").platform() === "win32";
    var slash = "/";
    var backslash = /\\/g;
    var enclosure = /[\{\[].*[\}\]]$/;
    var globby = /(^|[^\\])([\{\[]|\([^\)]+$)/;
    var escaped = /\\([\!\*\?\|\[\]\(\)\{\}])/g;
    module.exports = function globParent(str, opts) {
      var options = Object.assign({ flipBackslashes: true }, opts);
      if (options.flipBackslashes && isWin32 && str.indexOf(slash) < 0) {
        str = str.replace(backslash, slash);
      }
      if (enclosure.test(str)) {
        str += slash;
      }
      str += "a";
      do {
        str = pathPosixDirname(str);
      } while (isGlob(str) || globby.test(str));
      return str.replace(escaped, "$1");
    };
  }
});

// node_modules/braces/lib/utils.js
var require_utils2 = __commonJS({
  "node_modules/braces/lib/utils.js"(exports) {
    "use strict";
    exports.isInteger = (num) => {
      if (typeof num === "number") {
        return Number.isInteger(num);
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isInteger(Number(num));
      }
      return false;
    };
    exports.find = (node, type) => node.nodes.find((node2) => node2.type === type);
    exports.exceedsLimit = (min, max, step = 1, limit) => {
      if (limit === false) return false;
      if (!exports.isInteger(min) || !exports.isInteger(max)) return false;
      return (Number(max) - Number(min)) / Number(step) >= limit;
    };
    exports.escapeNode = (block, n = 0, type) => {
      const node = block.nodes[n];
      if (!node) return;
      if (type && node.type === type || node.type === "open" || node.type === "close") {
        if (node.escaped !== true) {
          node.value = "\\" + node.value;
          node.escaped = true;
        }
      }
    };
    exports.encloseBrace = (node) => {
      if (node.type !== "brace") return false;
      if (node.commas >> 0 + node.ranges >> 0 === 0) {
        node.invalid = true;
        return true;
      }
      return false;
    };
    exports.isInvalidBrace = (block) => {
      if (block.type !== "brace") return false;
      if (block.invalid === true || block.dollar) return true;
      if (block.commas >> 0 + block.ranges >> 0 === 0) {
        block.invalid = true;
        return true;
      }
      if (block.open !== true || block.close !== true) {
        block.invalid = true;
        return true;
      }
      return false;
    };
    exports.isOpenOrClose = (node) => {
      if (node.type === "open" || node.type === "close") {
        return true;
      }
      return node.open === true || node.close === true;
    };
    exports.reduce = (nodes) => nodes.reduce((acc, node) => {
      if (node.type === "text") acc.push(node.value);
      if (node.type === "range") node.type = "text";
      return acc;
    }, []);
    exports.flatten = (...args) => {
      const result2 = [];
      const flat = (arr) => {
        for (let i = 0; i < arr.length; i++) {
          const ele = arr[i];
          if (Array.isArray(ele)) {
            flat(ele);
            continue;
          }
          if (ele !== void 0) {
            result2.push(ele);
          }
        }
        return result2;
      };
      flat(args);
      return result2;
    };
  }
});

// node_modules/braces/lib/stringify.js
var require_stringify = __commonJS({
  "node_modules/braces/lib/stringify.js"(exports, module) {
    "use strict";
    var utils = require_utils2();
    module.exports = (ast, options = {}) => {
      const stringify = (node, parent = {}) => {
        const invalidBlock = options.escapeInvalid && utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        let output = "";
        if (node.value) {
          if ((invalidBlock || invalidNode) && utils.isOpenOrClose(node)) {
            return "\\" + node.value;
          }
          return node.value;
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += stringify(child);
          }
        }
        return output;
      };
      return stringify(ast);
    };
  }
});

// node_modules/is-number/index.js
var require_is_number = __commonJS({
  "node_modules/is-number/index.js"(exports, module) {
    "use strict";
    module.exports = function(num) {
      if (typeof num === "number") {
        return num - num === 0;
      }
      if (typeof num === "string" && num.trim() !== "") {
        return Number.isFinite ? Number.isFinite(+num) : isFinite(+num);
      }
      return false;
    };
  }
});

// node_modules/to-regex-range/index.js
var require_to_regex_range = __commonJS({
  "node_modules/to-regex-range/index.js"(exports, module) {
    "use strict";
    var isNumber = require_is_number();
    var toRegexRange = (min, max, options) => {
      if (isNumber(min) === false) {
        throw new TypeError("toRegexRange: expected the first argument to be a number");
      }
      if (max === void 0 || min === max) {
        return String(min);
      }
      if (isNumber(max) === false) {
        throw new TypeError("toRegexRange: expected the second argument to be a number.");
      }
      let opts = { relaxZeros: true, ...options };
      if (typeof opts.strictZeros === "boolean") {
        opts.relaxZeros = opts.strictZeros === false;
      }
      let relax = String(opts.relaxZeros);
      let shorthand = String(opts.shorthand);
      let capture = String(opts.capture);
      let wrap = String(opts.wrap);
      let cacheKey = min + ":" + max + "=" + relax + shorthand + capture + wrap;
      if (toRegexRange.cache.hasOwnProperty(cacheKey)) {
        return toRegexRange.cache[cacheKey].result;
      }
      let a = Math.min(min, max);
      let b = Math.max(min, max);
      if (Math.abs(a - b) === 1) {
        let result2 = min + "|" + max;
        if (opts.capture) {
          return `(${result2})`;
        }
        if (opts.wrap === false) {
          return result2;
        }
        return `(?:${result2})`;
      }
      let isPadded = hasPadding(min) || hasPadding(max);
      let state = { min, max, a, b };
      let positives = [];
      let negatives = [];
      if (isPadded) {
        state.isPadded = isPadded;
        state.maxLen = String(state.max).length;
      }
      if (a < 0) {
        let newMin = b < 0 ? Math.abs(b) : 1;
        negatives = splitToPatterns(newMin, Math.abs(a), state, opts);
        a = state.a = 0;
      }
      if (b >= 0) {
        positives = splitToPatterns(a, b, state, opts);
      }
      state.negatives = negatives;
      state.positives = positives;
      state.result = collatePatterns(negatives, positives, opts);
      if (opts.capture === true) {
        state.result = `(${state.result})`;
      } else if (opts.wrap !== false && positives.length + negatives.length > 1) {
        state.result = `(?:${state.result})`;
      }
      toRegexRange.cache[cacheKey] = state;
      return state.result;
    };
    function collatePatterns(neg, pos, options) {
      let onlyNegative = filterPatterns(neg, pos, "-", false, options) || [];
      let onlyPositive = filterPatterns(pos, neg, "", false, options) || [];
      let intersected = filterPatterns(neg, pos, "-?", true, options) || [];
      let subpatterns = onlyNegative.concat(intersected).concat(onlyPositive);
      return subpatterns.join("|");
    }
    function splitToRanges(min, max) {
      let nines = 1;
      let zeros = 1;
      let stop = countNines(min, nines);
      let stops = /* @__PURE__ */ new Set([max]);
      while (min <= stop && stop <= max) {
        stops.add(stop);
        nines += 1;
        stop = countNines(min, nines);
      }
      stop = countZeros(max + 1, zeros) - 1;
      while (min < stop && stop <= max) {
        stops.add(stop);
        zeros += 1;
        stop = countZeros(max + 1, zeros) - 1;
      }
      stops = [...stops];
      stops.sort(compare);
      return stops;
    }
    function rangeToPattern(start, stop, options) {
      if (start === stop) {
        return { pattern: start, count: [], digits: 0 };
      }
      let zipped = zip(start, stop);
      let digits = zipped.length;
      let pattern = "";
      let count = 0;
      for (let i = 0; i < digits; i++) {
        let [startDigit, stopDigit] = zipped[i];
        if (startDigit === stopDigit) {
          pattern += startDigit;
        } else if (startDigit !== "0" || stopDigit !== "9") {
          pattern += toCharacterClass(startDigit, stopDigit, options);
        } else {
          count++;
        }
      }
      if (count) {
        pattern += options.shorthand === true ? "\\d" : "[0-9]";
      }
      return { pattern, count: [count], digits };
    }
    function splitToPatterns(min, max, tok, options) {
      let ranges = splitToRanges(min, max);
      let tokens = [];
      let start = min;
      let prev;
      for (let i = 0; i < ranges.length; i++) {
        let max2 = ranges[i];
        let obj = rangeToPattern(String(start), String(max2), options);
        let zeros = "";
        if (!tok.isPadded && prev && prev.pattern === obj.pattern) {
          if (prev.count.length > 1) {
            prev.count.pop();
          }
          prev.count.push(obj.count[0]);
          prev.string = prev.pattern + toQuantifier(prev.count);
          start = max2 + 1;
          continue;
        }
        if (tok.isPadded) {
          zeros = padZeros(max2, tok, options);
        }
        obj.string = zeros + obj.pattern + toQuantifier(obj.count);
        tokens.push(obj);
        start = max2 + 1;
        prev = obj;
      }
      return tokens;
    }
    function filterPatterns(arr, comparison, prefix, intersection, options) {
      let result2 = [];
      for (let ele of arr) {
        let { string } = ele;
        if (!intersection && !contains(comparison, "string", string)) {
          result2.push(prefix + string);
        }
        if (intersection && contains(comparison, "string", string)) {
          result2.push(prefix + string);
        }
      }
      return result2;
    }
    function zip(a, b) {
      let arr = [];
      for (let i = 0; i < a.length; i++) arr.push([a[i], b[i]]);
      return arr;
    }
    function compare(a, b) {
      return a > b ? 1 : b > a ? -1 : 0;
    }
    function contains(arr, key, val) {
      return arr.some((ele) => ele[key] === val);
    }
    function countNines(min, len) {
      return Number(String(min).slice(0, -len) + "9".repeat(len));
    }
    function countZeros(integer, zeros) {
      return integer - integer % Math.pow(10, zeros);
    }
    function toQuantifier(digits) {
      let [start = 0, stop = ""] = digits;
      if (stop || start > 1) {
        return `{${start + (stop ? "," + stop : "")}}`;
      }
      return "";
    }
    function toCharacterClass(a, b, options) {
      return `[${a}${b - a === 1 ? "" : "-"}${b}]`;
    }
    function hasPadding(str) {
      return /^-?(0+)\d/.test(str);
    }
    function padZeros(value, tok, options) {
      if (!tok.isPadded) {
        return value;
      }
      let diff = Math.abs(tok.maxLen - String(value).length);
      let relax = options.relaxZeros !== false;
      switch (diff) {
        case 0:
          return "";
        case 1:
          return relax ? "0?" : "0";
        case 2:
          return relax ? "0{0,2}" : "00";
        default: {
          return relax ? `0{0,${diff}}` : `0{${diff}}`;
        }
      }
    }
    toRegexRange.cache = {};
    toRegexRange.clearCache = () => toRegexRange.cache = {};
    module.exports = toRegexRange;
  }
});

// node_modules/fill-range/index.js
var require_fill_range = __commonJS({
  "node_modules/fill-range/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var toRegexRange = require_to_regex_range();
    var isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    var transform = (toNumber) => {
      return (value) => toNumber === true ? Number(value) : String(value);
    };
    var isValidValue = (value) => {
      return typeof value === "number" || typeof value === "string" && value !== "";
    };
    var isNumber = (num) => Number.isInteger(+num);
    var zeros = (input) => {
      let value = `${input}`;
      let index = -1;
      if (value[0] === "-") value = value.slice(1);
      if (value === "0") return false;
      while (value[++index] === "0") ;
      return index > 0;
    };
    var stringify = (start, end, options) => {
      if (typeof start === "string" || typeof end === "string") {
        return true;
      }
      return options.stringify === true;
    };
    var pad = (input, maxLength, toNumber) => {
      if (maxLength > 0) {
        let dash = input[0] === "-" ? "-" : "";
        if (dash) input = input.slice(1);
        input = dash + input.padStart(dash ? maxLength - 1 : maxLength, "0");
      }
      if (toNumber === false) {
        return String(input);
      }
      return input;
    };
    var toMaxLen = (input, maxLength) => {
      let negative = input[0] === "-" ? "-" : "";
      if (negative) {
        input = input.slice(1);
        maxLength--;
      }
      while (input.length < maxLength) input = "0" + input;
      return negative ? "-" + input : input;
    };
    var toSequence = (parts, options, maxLen) => {
      parts.negatives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      parts.positives.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
      let prefix = options.capture ? "" : "?:";
      let positives = "";
      let negatives = "";
      let result2;
      if (parts.positives.length) {
        positives = parts.positives.map((v) => toMaxLen(String(v), maxLen)).join("|");
      }
      if (parts.negatives.length) {
        negatives = `-(${prefix}${parts.negatives.map((v) => toMaxLen(String(v), maxLen)).join("|")})`;
      }
      if (positives && negatives) {
        result2 = `${positives}|${negatives}`;
      } else {
        result2 = positives || negatives;
      }
      if (options.wrap) {
        return `(${prefix}${result2})`;
      }
      return result2;
    };
    var toRange = (a, b, isNumbers, options) => {
      if (isNumbers) {
        return toRegexRange(a, b, { wrap: false, ...options });
      }
      let start = String.fromCharCode(a);
      if (a === b) return start;
      let stop = String.fromCharCode(b);
      return `[${start}-${stop}]`;
    };
    var toRegex = (start, end, options) => {
      if (Array.isArray(start)) {
        let wrap = options.wrap === true;
        let prefix = options.capture ? "" : "?:";
        return wrap ? `(${prefix}${start.join("|")})` : start.join("|");
      }
      return toRegexRange(start, end, options);
    };
    var rangeError = (...args) => {
      return new RangeError("Invalid range arguments: " + util.inspect(...args));
    };
    var invalidRange = (start, end, options) => {
      if (options.strictRanges === true) throw rangeError([start, end]);
      return [];
    };
    var invalidStep = (step, options) => {
      if (options.strictRanges === true) {
        throw new TypeError(`Expected step "${step}" to be a number`);
      }
      return [];
    };
    var fillNumbers = (start, end, step = 1, options = {}) => {
      let a = Number(start);
      let b = Number(end);
      if (!Number.isInteger(a) || !Number.isInteger(b)) {
        if (options.strictRanges === true) throw rangeError([start, end]);
        return [];
      }
      if (a === 0) a = 0;
      if (b === 0) b = 0;
      let descending = a > b;
      let startString = String(start);
      let endString = String(end);
      let stepString = String(step);
      step = Math.max(Math.abs(step), 1);
      let padded = zeros(startString) || zeros(endString) || zeros(stepString);
      let maxLen = padded ? Math.max(startString.length, endString.length, stepString.length) : 0;
      let toNumber = padded === false && stringify(start, end, options) === false;
      let format = options.transform || transform(toNumber);
      if (options.toRegex && step === 1) {
        return toRange(toMaxLen(start, maxLen), toMaxLen(end, maxLen), true, options);
      }
      let parts = { negatives: [], positives: [] };
      let push = (num) => parts[num < 0 ? "negatives" : "positives"].push(Math.abs(num));
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        if (options.toRegex === true && step > 1) {
          push(a);
        } else {
          range.push(pad(format(a, index), maxLen, toNumber));
        }
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return step > 1 ? toSequence(parts, options, maxLen) : toRegex(range, null, { wrap: false, ...options });
      }
      return range;
    };
    var fillLetters = (start, end, step = 1, options = {}) => {
      if (!isNumber(start) && start.length > 1 || !isNumber(end) && end.length > 1) {
        return invalidRange(start, end, options);
      }
      let format = options.transform || ((val) => String.fromCharCode(val));
      let a = `${start}`.charCodeAt(0);
      let b = `${end}`.charCodeAt(0);
      let descending = a > b;
      let min = Math.min(a, b);
      let max = Math.max(a, b);
      if (options.toRegex && step === 1) {
        return toRange(min, max, false, options);
      }
      let range = [];
      let index = 0;
      while (descending ? a >= b : a <= b) {
        range.push(format(a, index));
        a = descending ? a - step : a + step;
        index++;
      }
      if (options.toRegex === true) {
        return toRegex(range, null, { wrap: false, options });
      }
      return range;
    };
    var fill = (start, end, step, options = {}) => {
      if (end == null && isValidValue(start)) {
        return [start];
      }
      if (!isValidValue(start) || !isValidValue(end)) {
        return invalidRange(start, end, options);
      }
      if (typeof step === "function") {
        return fill(start, end, 1, { transform: step });
      }
      if (isObject(step)) {
        return fill(start, end, 0, step);
      }
      let opts = { ...options };
      if (opts.capture === true) opts.wrap = true;
      step = step || opts.step || 1;
      if (!isNumber(step)) {
        if (step != null && !isObject(step)) return invalidStep(step, opts);
        return fill(start, end, 1, step);
      }
      if (isNumber(start) && isNumber(end)) {
        return fillNumbers(start, end, step, opts);
      }
      return fillLetters(start, end, Math.max(Math.abs(step), 1), opts);
    };
    module.exports = fill;
  }
});

// node_modules/braces/lib/compile.js
var require_compile = __commonJS({
  "node_modules/braces/lib/compile.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var utils = require_utils2();
    var compile = (ast, options = {}) => {
      const walk = (node, parent = {}) => {
        const invalidBlock = utils.isInvalidBrace(parent);
        const invalidNode = node.invalid === true && options.escapeInvalid === true;
        const invalid = invalidBlock === true || invalidNode === true;
        const prefix = options.escapeInvalid === true ? "\\" : "";
        let output = "";
        if (node.isOpen === true) {
          return prefix + node.value;
        }
        if (node.isClose === true) {
          console.log("node.isClose", prefix, node.value);
          return prefix + node.value;
        }
        if (node.type === "open") {
          return invalid ? prefix + node.value : "(";
        }
        if (node.type === "close") {
          return invalid ? prefix + node.value : ")";
        }
        if (node.type === "comma") {
          return node.prev.type === "comma" ? "" : invalid ? node.value : "|";
        }
        if (node.value) {
          return node.value;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          const range = fill(...args, { ...options, wrap: false, toRegex: true, strictZeros: true });
          if (range.length !== 0) {
            return args.length > 1 && range.length > 1 ? `(${range})` : range;
          }
        }
        if (node.nodes) {
          for (const child of node.nodes) {
            output += walk(child, node);
          }
        }
        return output;
      };
      return walk(ast);
    };
    module.exports = compile;
  }
});

// node_modules/braces/lib/expand.js
var require_expand = __commonJS({
  "node_modules/braces/lib/expand.js"(exports, module) {
    "use strict";
    var fill = require_fill_range();
    var stringify = require_stringify();
    var utils = require_utils2();
    var append2 = (queue = "", stash = "", enclose = false) => {
      const result2 = [];
      queue = [].concat(queue);
      stash = [].concat(stash);
      if (!stash.length) return queue;
      if (!queue.length) {
        return enclose ? utils.flatten(stash).map((ele) => `{${ele}}`) : stash;
      }
      for (const item of queue) {
        if (Array.isArray(item)) {
          for (const value of item) {
            result2.push(append2(value, stash, enclose));
          }
        } else {
          for (let ele of stash) {
            if (enclose === true && typeof ele === "string") ele = `{${ele}}`;
            result2.push(Array.isArray(ele) ? append2(item, ele, enclose) : item + ele);
          }
        }
      }
      return utils.flatten(result2);
    };
    var expand = (ast, options = {}) => {
      const rangeLimit = options.rangeLimit === void 0 ? 1e3 : options.rangeLimit;
      const walk = (node, parent = {}) => {
        node.queue = [];
        let p = parent;
        let q = parent.queue;
        while (p.type !== "brace" && p.type !== "root" && p.parent) {
          p = p.parent;
          q = p.queue;
        }
        if (node.invalid || node.dollar) {
          q.push(append2(q.pop(), stringify(node, options)));
          return;
        }
        if (node.type === "brace" && node.invalid !== true && node.nodes.length === 2) {
          q.push(append2(q.pop(), ["{}"]));
          return;
        }
        if (node.nodes && node.ranges > 0) {
          const args = utils.reduce(node.nodes);
          if (utils.exceedsLimit(...args, options.step, rangeLimit)) {
            throw new RangeError("expanded array length exceeds range limit. Use options.rangeLimit to increase or disable the limit.");
          }
          let range = fill(...args, options);
          if (range.length === 0) {
            range = stringify(node, options);
          }
          q.push(append2(q.pop(), range));
          node.nodes = [];
          return;
        }
        const enclose = utils.encloseBrace(node);
        let queue = node.queue;
        let block = node;
        while (block.type !== "brace" && block.type !== "root" && block.parent) {
          block = block.parent;
          queue = block.queue;
        }
        for (let i = 0; i < node.nodes.length; i++) {
          const child = node.nodes[i];
          if (child.type === "comma" && node.type === "brace") {
            if (i === 1) queue.push("");
            queue.push("");
            continue;
          }
          if (child.type === "close") {
            q.push(append2(q.pop(), queue, enclose));
            continue;
          }
          if (child.value && child.type !== "open") {
            queue.push(append2(queue.pop(), child.value));
            continue;
          }
          if (child.nodes) {
            walk(child, node);
          }
        }
        return queue;
      };
      return utils.flatten(walk(ast));
    };
    module.exports = expand;
  }
});

// node_modules/braces/lib/constants.js
var require_constants2 = __commonJS({
  "node_modules/braces/lib/constants.js"(exports, module) {
    "use strict";
    module.exports = {
      MAX_LENGTH: 1e4,
      // Digits
      CHAR_0: "0",
      /* 0 */
      CHAR_9: "9",
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: "A",
      /* A */
      CHAR_LOWERCASE_A: "a",
      /* a */
      CHAR_UPPERCASE_Z: "Z",
      /* Z */
      CHAR_LOWERCASE_Z: "z",
      /* z */
      CHAR_LEFT_PARENTHESES: "(",
      /* ( */
      CHAR_RIGHT_PARENTHESES: ")",
      /* ) */
      CHAR_ASTERISK: "*",
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: "&",
      /* & */
      CHAR_AT: "@",
      /* @ */
      CHAR_BACKSLASH: "\\",
      /* \ */
      CHAR_BACKTICK: "`",
      /* ` */
      CHAR_CARRIAGE_RETURN: "\r",
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: "^",
      /* ^ */
      CHAR_COLON: ":",
      /* : */
      CHAR_COMMA: ",",
      /* , */
      CHAR_DOLLAR: "$",
      /* . */
      CHAR_DOT: ".",
      /* . */
      CHAR_DOUBLE_QUOTE: '"',
      /* " */
      CHAR_EQUAL: "=",
      /* = */
      CHAR_EXCLAMATION_MARK: "!",
      /* ! */
      CHAR_FORM_FEED: "\f",
      /* \f */
      CHAR_FORWARD_SLASH: "/",
      /* / */
      CHAR_HASH: "#",
      /* # */
      CHAR_HYPHEN_MINUS: "-",
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: "<",
      /* < */
      CHAR_LEFT_CURLY_BRACE: "{",
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: "[",
      /* [ */
      CHAR_LINE_FEED: "\n",
      /* \n */
      CHAR_NO_BREAK_SPACE: "\xA0",
      /* \u00A0 */
      CHAR_PERCENT: "%",
      /* % */
      CHAR_PLUS: "+",
      /* + */
      CHAR_QUESTION_MARK: "?",
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: ">",
      /* > */
      CHAR_RIGHT_CURLY_BRACE: "}",
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: "]",
      /* ] */
      CHAR_SEMICOLON: ";",
      /* ; */
      CHAR_SINGLE_QUOTE: "'",
      /* ' */
      CHAR_SPACE: " ",
      /*   */
      CHAR_TAB: "	",
      /* \t */
      CHAR_UNDERSCORE: "_",
      /* _ */
      CHAR_VERTICAL_LINE: "|",
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: "\uFEFF"
      /* \uFEFF */
    };
  }
});

// node_modules/braces/lib/parse.js
var require_parse2 = __commonJS({
  "node_modules/braces/lib/parse.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var {
      MAX_LENGTH,
      CHAR_BACKSLASH,
      /* \ */
      CHAR_BACKTICK,
      /* ` */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_RIGHT_SQUARE_BRACKET,
      /* ] */
      CHAR_DOUBLE_QUOTE,
      /* " */
      CHAR_SINGLE_QUOTE,
      /* ' */
      CHAR_NO_BREAK_SPACE,
      CHAR_ZERO_WIDTH_NOBREAK_SPACE
    } = require_constants2();
    var parse2 = (input, options = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      const opts = options || {};
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      if (input.length > max) {
        throw new SyntaxError(`Input length (${input.length}), exceeds max characters (${max})`);
      }
      const ast = { type: "root", input, nodes: [] };
      const stack = [ast];
      let block = ast;
      let prev = ast;
      let brackets = 0;
      const length = input.length;
      let index = 0;
      let depth = 0;
      let value;
      const advance = () => input[index++];
      const push = (node) => {
        if (node.type === "text" && prev.type === "dot") {
          prev.type = "text";
        }
        if (prev && prev.type === "text" && node.type === "text") {
          prev.value += node.value;
          return;
        }
        block.nodes.push(node);
        node.parent = block;
        node.prev = prev;
        prev = node;
        return node;
      };
      push({ type: "bos" });
      while (index < length) {
        block = stack[stack.length - 1];
        value = advance();
        if (value === CHAR_ZERO_WIDTH_NOBREAK_SPACE || value === CHAR_NO_BREAK_SPACE) {
          continue;
        }
        if (value === CHAR_BACKSLASH) {
          push({ type: "text", value: (options.keepEscaping ? value : "") + advance() });
          continue;
        }
        if (value === CHAR_RIGHT_SQUARE_BRACKET) {
          push({ type: "text", value: "\\" + value });
          continue;
        }
        if (value === CHAR_LEFT_SQUARE_BRACKET) {
          brackets++;
          let next;
          while (index < length && (next = advance())) {
            value += next;
            if (next === CHAR_LEFT_SQUARE_BRACKET) {
              brackets++;
              continue;
            }
            if (next === CHAR_BACKSLASH) {
              value += advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              brackets--;
              if (brackets === 0) {
                break;
              }
            }
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_PARENTHESES) {
          block = push({ type: "paren", nodes: [] });
          stack.push(block);
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_RIGHT_PARENTHESES) {
          if (block.type !== "paren") {
            push({ type: "text", value });
            continue;
          }
          block = stack.pop();
          push({ type: "text", value });
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_DOUBLE_QUOTE || value === CHAR_SINGLE_QUOTE || value === CHAR_BACKTICK) {
          const open = value;
          let next;
          if (options.keepQuotes !== true) {
            value = "";
          }
          while (index < length && (next = advance())) {
            if (next === CHAR_BACKSLASH) {
              value += next + advance();
              continue;
            }
            if (next === open) {
              if (options.keepQuotes === true) value += next;
              break;
            }
            value += next;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === CHAR_LEFT_CURLY_BRACE) {
          depth++;
          const dollar = prev.value && prev.value.slice(-1) === "$" || block.dollar === true;
          const brace = {
            type: "brace",
            open: true,
            close: false,
            dollar,
            depth,
            commas: 0,
            ranges: 0,
            nodes: []
          };
          block = push(brace);
          stack.push(block);
          push({ type: "open", value });
          continue;
        }
        if (value === CHAR_RIGHT_CURLY_BRACE) {
          if (block.type !== "brace") {
            push({ type: "text", value });
            continue;
          }
          const type = "close";
          block = stack.pop();
          block.close = true;
          push({ type, value });
          depth--;
          block = stack[stack.length - 1];
          continue;
        }
        if (value === CHAR_COMMA && depth > 0) {
          if (block.ranges > 0) {
            block.ranges = 0;
            const open = block.nodes.shift();
            block.nodes = [open, { type: "text", value: stringify(block) }];
          }
          push({ type: "comma", value });
          block.commas++;
          continue;
        }
        if (value === CHAR_DOT && depth > 0 && block.commas === 0) {
          const siblings = block.nodes;
          if (depth === 0 || siblings.length === 0) {
            push({ type: "text", value });
            continue;
          }
          if (prev.type === "dot") {
            block.range = [];
            prev.value += value;
            prev.type = "range";
            if (block.nodes.length !== 3 && block.nodes.length !== 5) {
              block.invalid = true;
              block.ranges = 0;
              prev.type = "text";
              continue;
            }
            block.ranges++;
            block.args = [];
            continue;
          }
          if (prev.type === "range") {
            siblings.pop();
            const before = siblings[siblings.length - 1];
            before.value += prev.value + value;
            prev = before;
            block.ranges--;
            continue;
          }
          push({ type: "dot", value });
          continue;
        }
        push({ type: "text", value });
      }
      do {
        block = stack.pop();
        if (block.type !== "root") {
          block.nodes.forEach((node) => {
            if (!node.nodes) {
              if (node.type === "open") node.isOpen = true;
              if (node.type === "close") node.isClose = true;
              if (!node.nodes) node.type = "text";
              node.invalid = true;
            }
          });
          const parent = stack[stack.length - 1];
          const index2 = parent.nodes.indexOf(block);
          parent.nodes.splice(index2, 1, ...block.nodes);
        }
      } while (stack.length > 0);
      push({ type: "eos" });
      return ast;
    };
    module.exports = parse2;
  }
});

// node_modules/braces/index.js
var require_braces = __commonJS({
  "node_modules/braces/index.js"(exports, module) {
    "use strict";
    var stringify = require_stringify();
    var compile = require_compile();
    var expand = require_expand();
    var parse2 = require_parse2();
    var braces = (input, options = {}) => {
      let output = [];
      if (Array.isArray(input)) {
        for (const pattern of input) {
          const result2 = braces.create(pattern, options);
          if (Array.isArray(result2)) {
            output.push(...result2);
          } else {
            output.push(result2);
          }
        }
      } else {
        output = [].concat(braces.create(input, options));
      }
      if (options && options.expand === true && options.nodupes === true) {
        output = [...new Set(output)];
      }
      return output;
    };
    braces.parse = (input, options = {}) => parse2(input, options);
    braces.stringify = (input, options = {}) => {
      if (typeof input === "string") {
        return stringify(braces.parse(input, options), options);
      }
      return stringify(input, options);
    };
    braces.compile = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      return compile(input, options);
    };
    braces.expand = (input, options = {}) => {
      if (typeof input === "string") {
        input = braces.parse(input, options);
      }
      let result2 = expand(input, options);
      if (options.noempty === true) {
        result2 = result2.filter(Boolean);
      }
      if (options.nodupes === true) {
        result2 = [...new Set(result2)];
      }
      return result2;
    };
    braces.create = (input, options = {}) => {
      if (input === "" || input.length < 3) {
        return [input];
      }
      return options.expand !== true ? braces.compile(input, options) : braces.expand(input, options);
    };
    module.exports = braces;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/constants.js
var require_constants3 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var path18 = __require("path");
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      SEP: path18.sep,
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars2) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars2.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/utils.js
var require_utils3 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var path18 = __require("path");
    var win32 = process.platform === "win32";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants3();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.supportsLookbehinds = () => {
      const segs = process.version.slice(1).split(".").map(Number);
      if (segs.length === 3 && segs[0] >= 9 || segs[0] === 8 && segs[1] >= 10) {
        return true;
      }
      return false;
    };
    exports.isWindows = (options) => {
      if (options && typeof options.windows === "boolean") {
        return options.windows;
      }
      return win32 === true || path18.sep === "\\";
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append2 = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append2}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/scan.js
var require_scan2 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils3();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants3();
    var isPathSeparator = (code2) => {
      return code2 === CHAR_FORWARD_SLASH || code2 === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan2 = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code2;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code2;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code2 = advance();
        let next;
        if (code2 === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code2 = advance();
          if (code2 === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code2 === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code2 = advance())) {
            if (code2 === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code2 === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code2 === CHAR_DOT && (code2 = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code2 === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code2 === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code2 === CHAR_PLUS || code2 === CHAR_AT || code2 === CHAR_ASTERISK || code2 === CHAR_QUESTION_MARK || code2 === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code2 === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              while (eos() !== true && (code2 = advance())) {
                if (code2 === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  code2 = advance();
                  continue;
                }
                if (code2 === CHAR_RIGHT_PARENTHESES) {
                  isGlob = token.isGlob = true;
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code2 === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code2 === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code2 === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code2 === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            while (eos() !== true && (code2 = advance())) {
              if (code2 === CHAR_LEFT_PARENTHESES) {
                backslashes = token.backslashes = true;
                code2 = advance();
                continue;
              }
              if (code2 === CHAR_RIGHT_PARENTHESES) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code2)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n = prevIndex ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value = input.slice(n, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (idx !== 0 || value !== "") {
            parts.push(value);
          }
          prevIndex = i;
        }
        if (prevIndex && prevIndex + 1 < input.length) {
          const value = input.slice(prevIndex + 1);
          parts.push(value);
          if (opts.tokens) {
            tokens[tokens.length - 1].value = value;
            depth(tokens[tokens.length - 1]);
            state.maxDepth += tokens[tokens.length - 1].depth;
          }
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan2;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/parse.js
var require_parse3 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants3();
    var utils = require_utils3();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var getStarExtglobSequenceOutput = (pattern) => {
      let index = 0;
      const chars2 = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars2.push(branch);
        index += match.end + 1;
      }
      if (chars2.length < 1) {
        return;
      }
      const source = chars2.length === 1 ? utils.escapeRegex(chars2[0]) : `[${chars2.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      for (const branch of branches) {
        const safeOutput = getStarExtglobSequenceOutput(branch);
        if (safeOutput) {
          return { risky: true, safeOutput };
        }
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      return { risky: false };
    };
    var parse2 = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const win32 = utils.isWindows(options);
      const PLATFORM_CHARS = constants.globChars(win32);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append2 = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append2(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.value += tok.value;
          prev.output = (prev.output || "") + tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse2(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars2, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars2.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars2.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append2({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append2({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append2({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (next === "<" && !utils.supportsLookbehinds()) {
              throw new Error("Node.js v10 or higher is required for regex lookbehinds");
            }
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && eos()) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse2.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const win32 = utils.isWindows(options);
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(win32);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse2;
  }
});

// node_modules/micromatch/node_modules/picomatch/lib/picomatch.js
var require_picomatch3 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var path18 = __require("path");
    var scan2 = require_scan2();
    var parse2 = require_parse3();
    var utils = require_utils3();
    var constants = require_constants3();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch4 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch4(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = utils.isWindows(options);
      const regex = isState ? picomatch4.compileRe(glob, options) : picomatch4.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch4(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch4.test(input, regex, options, { glob, posix });
        const result2 = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result2);
        }
        if (isMatch === false) {
          result2.isMatch = false;
          return returnObject ? result2 : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result2);
          }
          result2.isMatch = false;
          return returnObject ? result2 : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result2);
        }
        return returnObject ? result2 : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch4.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch4.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch4.matchBase = (input, glob, options, posix = utils.isWindows(options)) => {
      const regex = glob instanceof RegExp ? glob : picomatch4.makeRe(glob, options);
      return regex.test(path18.basename(input));
    };
    picomatch4.isMatch = (str, patterns, options) => picomatch4(patterns, options)(str);
    picomatch4.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch4.parse(p, options));
      return parse2(pattern, { ...options, fastpaths: false });
    };
    picomatch4.scan = (input, options) => scan2(input, options);
    picomatch4.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append2 = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append2}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch4.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch4.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse2.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse2(input, options);
      }
      return picomatch4.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch4.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch4.constants = constants;
    module.exports = picomatch4;
  }
});

// node_modules/micromatch/node_modules/picomatch/index.js
var require_picomatch4 = __commonJS({
  "node_modules/micromatch/node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    module.exports = require_picomatch3();
  }
});

// node_modules/micromatch/index.js
var require_micromatch = __commonJS({
  "node_modules/micromatch/index.js"(exports, module) {
    "use strict";
    var util = __require("util");
    var braces = require_braces();
    var picomatch4 = require_picomatch4();
    var utils = require_utils3();
    var isEmptyString = (v) => v === "" || v === "./";
    var hasBraces = (v) => {
      const index = v.indexOf("{");
      return index > -1 && v.indexOf("}", index) > -1;
    };
    var micromatch = (list, patterns, options) => {
      patterns = [].concat(patterns);
      list = [].concat(list);
      let omit = /* @__PURE__ */ new Set();
      let keep = /* @__PURE__ */ new Set();
      let items = /* @__PURE__ */ new Set();
      let negatives = 0;
      let onResult = (state) => {
        items.add(state.output);
        if (options && options.onResult) {
          options.onResult(state);
        }
      };
      for (let i = 0; i < patterns.length; i++) {
        let isMatch = picomatch4(String(patterns[i]), { ...options, onResult }, true);
        let negated = isMatch.state.negated || isMatch.state.negatedExtglob;
        if (negated) negatives++;
        for (let item of list) {
          let matched = isMatch(item, true);
          let match = negated ? !matched.isMatch : matched.isMatch;
          if (!match) continue;
          if (negated) {
            omit.add(matched.output);
          } else {
            omit.delete(matched.output);
            keep.add(matched.output);
          }
        }
      }
      let result2 = negatives === patterns.length ? [...items] : [...keep];
      let matches = result2.filter((item) => !omit.has(item));
      if (options && matches.length === 0) {
        if (options.failglob === true) {
          throw new Error(`No matches found for "${patterns.join(", ")}"`);
        }
        if (options.nonull === true || options.nullglob === true) {
          return options.unescape ? patterns.map((p) => p.replace(/\\/g, "")) : patterns;
        }
      }
      return matches;
    };
    micromatch.match = micromatch;
    micromatch.matcher = (pattern, options) => picomatch4(pattern, options);
    micromatch.isMatch = (str, patterns, options) => picomatch4(patterns, options)(str);
    micromatch.any = micromatch.isMatch;
    micromatch.not = (list, patterns, options = {}) => {
      patterns = [].concat(patterns).map(String);
      let result2 = /* @__PURE__ */ new Set();
      let items = [];
      let onResult = (state) => {
        if (options.onResult) options.onResult(state);
        items.push(state.output);
      };
      let matches = new Set(micromatch(list, patterns, { ...options, onResult }));
      for (let item of items) {
        if (!matches.has(item)) {
          result2.add(item);
        }
      }
      return [...result2];
    };
    micromatch.contains = (str, pattern, options) => {
      if (typeof str !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
      }
      if (Array.isArray(pattern)) {
        return pattern.some((p) => micromatch.contains(str, p, options));
      }
      if (typeof pattern === "string") {
        if (isEmptyString(str) || isEmptyString(pattern)) {
          return false;
        }
        if (str.includes(pattern) || str.startsWith("./") && str.slice(2).includes(pattern)) {
          return true;
        }
      }
      return micromatch.isMatch(str, pattern, { ...options, contains: true });
    };
    micromatch.matchKeys = (obj, patterns, options) => {
      if (!utils.isObject(obj)) {
        throw new TypeError("Expected the first argument to be an object");
      }
      let keys = micromatch(Object.keys(obj), patterns, options);
      let res = {};
      for (let key of keys) res[key] = obj[key];
      return res;
    };
    micromatch.some = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch4(String(pattern), options);
        if (items.some((item) => isMatch(item))) {
          return true;
        }
      }
      return false;
    };
    micromatch.every = (list, patterns, options) => {
      let items = [].concat(list);
      for (let pattern of [].concat(patterns)) {
        let isMatch = picomatch4(String(pattern), options);
        if (!items.every((item) => isMatch(item))) {
          return false;
        }
      }
      return true;
    };
    micromatch.all = (str, patterns, options) => {
      if (typeof str !== "string") {
        throw new TypeError(`Expected a string: "${util.inspect(str)}"`);
      }
      return [].concat(patterns).every((p) => picomatch4(p, options)(str));
    };
    micromatch.capture = (glob, input, options) => {
      let posix = utils.isWindows(options);
      let regex = picomatch4.makeRe(String(glob), { ...options, capture: true });
      let match = regex.exec(posix ? utils.toPosixSlashes(input) : input);
      if (match) {
        return match.slice(1).map((v) => v === void 0 ? "" : v);
      }
    };
    micromatch.makeRe = (...args) => picomatch4.makeRe(...args);
    micromatch.scan = (...args) => picomatch4.scan(...args);
    micromatch.parse = (patterns, options) => {
      let res = [];
      for (let pattern of [].concat(patterns || [])) {
        for (let str of braces(String(pattern), options)) {
          res.push(picomatch4.parse(str, options));
        }
      }
      return res;
    };
    micromatch.braces = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      if (options && options.nobrace === true || !hasBraces(pattern)) {
        return [pattern];
      }
      return braces(pattern, options);
    };
    micromatch.braceExpand = (pattern, options) => {
      if (typeof pattern !== "string") throw new TypeError("Expected a string");
      return micromatch.braces(pattern, { ...options, expand: true });
    };
    micromatch.hasBraces = hasBraces;
    module.exports = micromatch;
  }
});

// node_modules/fast-glob/out/utils/pattern.js
var require_pattern = __commonJS({
  "node_modules/fast-glob/out/utils/pattern.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isAbsolute = exports.partitionAbsoluteAndRelative = exports.removeDuplicateSlashes = exports.matchAny = exports.convertPatternsToRe = exports.makeRe = exports.getPatternParts = exports.expandBraceExpansion = exports.expandPatternsWithBraceExpansion = exports.isAffectDepthOfReadingPattern = exports.endsWithSlashGlobStar = exports.hasGlobStar = exports.getBaseDirectory = exports.isPatternRelatedToParentDirectory = exports.getPatternsOutsideCurrentDirectory = exports.getPatternsInsideCurrentDirectory = exports.getPositivePatterns = exports.getNegativePatterns = exports.isPositivePattern = exports.isNegativePattern = exports.convertToNegativePattern = exports.convertToPositivePattern = exports.isDynamicPattern = exports.isStaticPattern = void 0;
    var path18 = __require("path");
    var globParent = require_glob_parent();
    var micromatch = require_micromatch();
    var GLOBSTAR = "**";
    var ESCAPE_SYMBOL = "\\";
    var COMMON_GLOB_SYMBOLS_RE = /[*?]|^!/;
    var REGEX_CHARACTER_CLASS_SYMBOLS_RE = /\[[^[]*]/;
    var REGEX_GROUP_SYMBOLS_RE = /(?:^|[^!*+?@])\([^(]*\|[^|]*\)/;
    var GLOB_EXTENSION_SYMBOLS_RE = /[!*+?@]\([^(]*\)/;
    var BRACE_EXPANSION_SEPARATORS_RE = /,|\.\./;
    var DOUBLE_SLASH_RE = /(?!^)\/{2,}/g;
    function isStaticPattern(pattern, options = {}) {
      return !isDynamicPattern(pattern, options);
    }
    exports.isStaticPattern = isStaticPattern;
    function isDynamicPattern(pattern, options = {}) {
      if (pattern === "") {
        return false;
      }
      if (options.caseSensitiveMatch === false || pattern.includes(ESCAPE_SYMBOL)) {
        return true;
      }
      if (COMMON_GLOB_SYMBOLS_RE.test(pattern) || REGEX_CHARACTER_CLASS_SYMBOLS_RE.test(pattern) || REGEX_GROUP_SYMBOLS_RE.test(pattern)) {
        return true;
      }
      if (options.extglob !== false && GLOB_EXTENSION_SYMBOLS_RE.test(pattern)) {
        return true;
      }
      if (options.braceExpansion !== false && hasBraceExpansion(pattern)) {
        return true;
      }
      return false;
    }
    exports.isDynamicPattern = isDynamicPattern;
    function hasBraceExpansion(pattern) {
      const openingBraceIndex = pattern.indexOf("{");
      if (openingBraceIndex === -1) {
        return false;
      }
      const closingBraceIndex = pattern.indexOf("}", openingBraceIndex + 1);
      if (closingBraceIndex === -1) {
        return false;
      }
      const braceContent = pattern.slice(openingBraceIndex, closingBraceIndex);
      return BRACE_EXPANSION_SEPARATORS_RE.test(braceContent);
    }
    function convertToPositivePattern(pattern) {
      return isNegativePattern(pattern) ? pattern.slice(1) : pattern;
    }
    exports.convertToPositivePattern = convertToPositivePattern;
    function convertToNegativePattern(pattern) {
      return "!" + pattern;
    }
    exports.convertToNegativePattern = convertToNegativePattern;
    function isNegativePattern(pattern) {
      return pattern.startsWith("!") && pattern[1] !== "(";
    }
    exports.isNegativePattern = isNegativePattern;
    function isPositivePattern(pattern) {
      return !isNegativePattern(pattern);
    }
    exports.isPositivePattern = isPositivePattern;
    function getNegativePatterns(patterns) {
      return patterns.filter(isNegativePattern);
    }
    exports.getNegativePatterns = getNegativePatterns;
    function getPositivePatterns(patterns) {
      return patterns.filter(isPositivePattern);
    }
    exports.getPositivePatterns = getPositivePatterns;
    function getPatternsInsideCurrentDirectory(patterns) {
      return patterns.filter((pattern) => !isPatternRelatedToParentDirectory(pattern));
    }
    exports.getPatternsInsideCurrentDirectory = getPatternsInsideCurrentDirectory;
    function getPatternsOutsideCurrentDirectory(patterns) {
      return patterns.filter(isPatternRelatedToParentDirectory);
    }
    exports.getPatternsOutsideCurrentDirectory = getPatternsOutsideCurrentDirectory;
    function isPatternRelatedToParentDirectory(pattern) {
      return pattern.startsWith("..") || pattern.startsWith("./..");
    }
    exports.isPatternRelatedToParentDirectory = isPatternRelatedToParentDirectory;
    function getBaseDirectory(pattern) {
      return globParent(pattern, { flipBackslashes: false });
    }
    exports.getBaseDirectory = getBaseDirectory;
    function hasGlobStar(pattern) {
      return pattern.includes(GLOBSTAR);
    }
    exports.hasGlobStar = hasGlobStar;
    function endsWithSlashGlobStar(pattern) {
      return pattern.endsWith("/" + GLOBSTAR);
    }
    exports.endsWithSlashGlobStar = endsWithSlashGlobStar;
    function isAffectDepthOfReadingPattern(pattern) {
      const basename = path18.basename(pattern);
      return endsWithSlashGlobStar(pattern) || isStaticPattern(basename);
    }
    exports.isAffectDepthOfReadingPattern = isAffectDepthOfReadingPattern;
    function expandPatternsWithBraceExpansion(patterns) {
      return patterns.reduce((collection, pattern) => {
        return collection.concat(expandBraceExpansion(pattern));
      }, []);
    }
    exports.expandPatternsWithBraceExpansion = expandPatternsWithBraceExpansion;
    function expandBraceExpansion(pattern) {
      const patterns = micromatch.braces(pattern, { expand: true, nodupes: true, keepEscaping: true });
      patterns.sort((a, b) => a.length - b.length);
      return patterns.filter((pattern2) => pattern2 !== "");
    }
    exports.expandBraceExpansion = expandBraceExpansion;
    function getPatternParts(pattern, options) {
      let { parts } = micromatch.scan(pattern, Object.assign(Object.assign({}, options), { parts: true }));
      if (parts.length === 0) {
        parts = [pattern];
      }
      if (parts[0].startsWith("/")) {
        parts[0] = parts[0].slice(1);
        parts.unshift("");
      }
      return parts;
    }
    exports.getPatternParts = getPatternParts;
    function makeRe(pattern, options) {
      return micromatch.makeRe(pattern, options);
    }
    exports.makeRe = makeRe;
    function convertPatternsToRe(patterns, options) {
      return patterns.map((pattern) => makeRe(pattern, options));
    }
    exports.convertPatternsToRe = convertPatternsToRe;
    function matchAny(entry, patternsRe) {
      return patternsRe.some((patternRe) => patternRe.test(entry));
    }
    exports.matchAny = matchAny;
    function removeDuplicateSlashes(pattern) {
      return pattern.replace(DOUBLE_SLASH_RE, "/");
    }
    exports.removeDuplicateSlashes = removeDuplicateSlashes;
    function partitionAbsoluteAndRelative(patterns) {
      const absolute = [];
      const relative = [];
      for (const pattern of patterns) {
        if (isAbsolute(pattern)) {
          absolute.push(pattern);
        } else {
          relative.push(pattern);
        }
      }
      return [absolute, relative];
    }
    exports.partitionAbsoluteAndRelative = partitionAbsoluteAndRelative;
    function isAbsolute(pattern) {
      return path18.isAbsolute(pattern);
    }
    exports.isAbsolute = isAbsolute;
  }
});

// node_modules/merge2/index.js
var require_merge2 = __commonJS({
  "node_modules/merge2/index.js"(exports, module) {
    "use strict";
    var Stream = __require("stream");
    var PassThrough = Stream.PassThrough;
    var slice = Array.prototype.slice;
    module.exports = merge2;
    function merge2() {
      const streamsQueue = [];
      const args = slice.call(arguments);
      let merging = false;
      let options = args[args.length - 1];
      if (options && !Array.isArray(options) && options.pipe == null) {
        args.pop();
      } else {
        options = {};
      }
      const doEnd = options.end !== false;
      const doPipeError = options.pipeError === true;
      if (options.objectMode == null) {
        options.objectMode = true;
      }
      if (options.highWaterMark == null) {
        options.highWaterMark = 64 * 1024;
      }
      const mergedStream = PassThrough(options);
      function addStream() {
        for (let i = 0, len = arguments.length; i < len; i++) {
          streamsQueue.push(pauseStreams(arguments[i], options));
        }
        mergeStream();
        return this;
      }
      function mergeStream() {
        if (merging) {
          return;
        }
        merging = true;
        let streams = streamsQueue.shift();
        if (!streams) {
          process.nextTick(endStream);
          return;
        }
        if (!Array.isArray(streams)) {
          streams = [streams];
        }
        let pipesCount = streams.length + 1;
        function next() {
          if (--pipesCount > 0) {
            return;
          }
          merging = false;
          mergeStream();
        }
        function pipe(stream) {
          function onend() {
            stream.removeListener("merge2UnpipeEnd", onend);
            stream.removeListener("end", onend);
            if (doPipeError) {
              stream.removeListener("error", onerror);
            }
            next();
          }
          function onerror(err) {
            mergedStream.emit("error", err);
          }
          if (stream._readableState.endEmitted) {
            return next();
          }
          stream.on("merge2UnpipeEnd", onend);
          stream.on("end", onend);
          if (doPipeError) {
            stream.on("error", onerror);
          }
          stream.pipe(mergedStream, { end: false });
          stream.resume();
        }
        for (let i = 0; i < streams.length; i++) {
          pipe(streams[i]);
        }
        next();
      }
      function endStream() {
        merging = false;
        mergedStream.emit("queueDrain");
        if (doEnd) {
          mergedStream.end();
        }
      }
      mergedStream.setMaxListeners(0);
      mergedStream.add = addStream;
      mergedStream.on("unpipe", function(stream) {
        stream.emit("merge2UnpipeEnd");
      });
      if (args.length) {
        addStream.apply(null, args);
      }
      return mergedStream;
    }
    function pauseStreams(streams, options) {
      if (!Array.isArray(streams)) {
        if (!streams._readableState && streams.pipe) {
          streams = streams.pipe(PassThrough(options));
        }
        if (!streams._readableState || !streams.pause || !streams.pipe) {
          throw new Error("Only readable stream can be merged.");
        }
        streams.pause();
      } else {
        for (let i = 0, len = streams.length; i < len; i++) {
          streams[i] = pauseStreams(streams[i], options);
        }
      }
      return streams;
    }
  }
});

// node_modules/fast-glob/out/utils/stream.js
var require_stream = __commonJS({
  "node_modules/fast-glob/out/utils/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.merge = void 0;
    var merge2 = require_merge2();
    function merge3(streams) {
      const mergedStream = merge2(streams);
      streams.forEach((stream) => {
        stream.once("error", (error) => mergedStream.emit("error", error));
      });
      mergedStream.once("close", () => propagateCloseEventToSources(streams));
      mergedStream.once("end", () => propagateCloseEventToSources(streams));
      return mergedStream;
    }
    exports.merge = merge3;
    function propagateCloseEventToSources(streams) {
      streams.forEach((stream) => stream.emit("close"));
    }
  }
});

// node_modules/fast-glob/out/utils/string.js
var require_string = __commonJS({
  "node_modules/fast-glob/out/utils/string.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.isEmpty = exports.isString = void 0;
    function isString(input) {
      return typeof input === "string";
    }
    exports.isString = isString;
    function isEmpty(input) {
      return input === "";
    }
    exports.isEmpty = isEmpty;
  }
});

// node_modules/fast-glob/out/utils/index.js
var require_utils4 = __commonJS({
  "node_modules/fast-glob/out/utils/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.string = exports.stream = exports.pattern = exports.path = exports.fs = exports.errno = exports.array = void 0;
    var array = require_array();
    exports.array = array;
    var errno = require_errno();
    exports.errno = errno;
    var fs2 = require_fs();
    exports.fs = fs2;
    var path18 = require_path();
    exports.path = path18;
    var pattern = require_pattern();
    exports.pattern = pattern;
    var stream = require_stream();
    exports.stream = stream;
    var string = require_string();
    exports.string = string;
  }
});

// node_modules/fast-glob/out/managers/tasks.js
var require_tasks = __commonJS({
  "node_modules/fast-glob/out/managers/tasks.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.convertPatternGroupToTask = exports.convertPatternGroupsToTasks = exports.groupPatternsByBaseDirectory = exports.getNegativePatternsAsPositive = exports.getPositivePatterns = exports.convertPatternsToTasks = exports.generate = void 0;
    var utils = require_utils4();
    function generate(input, settings) {
      const patterns = processPatterns(input, settings);
      const ignore = processPatterns(settings.ignore, settings);
      const positivePatterns = getPositivePatterns(patterns);
      const negativePatterns = getNegativePatternsAsPositive(patterns, ignore);
      const staticPatterns = positivePatterns.filter((pattern) => utils.pattern.isStaticPattern(pattern, settings));
      const dynamicPatterns = positivePatterns.filter((pattern) => utils.pattern.isDynamicPattern(pattern, settings));
      const staticTasks = convertPatternsToTasks(
        staticPatterns,
        negativePatterns,
        /* dynamic */
        false
      );
      const dynamicTasks = convertPatternsToTasks(
        dynamicPatterns,
        negativePatterns,
        /* dynamic */
        true
      );
      return staticTasks.concat(dynamicTasks);
    }
    exports.generate = generate;
    function processPatterns(input, settings) {
      let patterns = input;
      if (settings.braceExpansion) {
        patterns = utils.pattern.expandPatternsWithBraceExpansion(patterns);
      }
      if (settings.baseNameMatch) {
        patterns = patterns.map((pattern) => pattern.includes("/") ? pattern : `**/${pattern}`);
      }
      return patterns.map((pattern) => utils.pattern.removeDuplicateSlashes(pattern));
    }
    function convertPatternsToTasks(positive, negative, dynamic) {
      const tasks = [];
      const patternsOutsideCurrentDirectory = utils.pattern.getPatternsOutsideCurrentDirectory(positive);
      const patternsInsideCurrentDirectory = utils.pattern.getPatternsInsideCurrentDirectory(positive);
      const outsideCurrentDirectoryGroup = groupPatternsByBaseDirectory(patternsOutsideCurrentDirectory);
      const insideCurrentDirectoryGroup = groupPatternsByBaseDirectory(patternsInsideCurrentDirectory);
      tasks.push(...convertPatternGroupsToTasks(outsideCurrentDirectoryGroup, negative, dynamic));
      if ("." in insideCurrentDirectoryGroup) {
        tasks.push(convertPatternGroupToTask(".", patternsInsideCurrentDirectory, negative, dynamic));
      } else {
        tasks.push(...convertPatternGroupsToTasks(insideCurrentDirectoryGroup, negative, dynamic));
      }
      return tasks;
    }
    exports.convertPatternsToTasks = convertPatternsToTasks;
    function getPositivePatterns(patterns) {
      return utils.pattern.getPositivePatterns(patterns);
    }
    exports.getPositivePatterns = getPositivePatterns;
    function getNegativePatternsAsPositive(patterns, ignore) {
      const negative = utils.pattern.getNegativePatterns(patterns).concat(ignore);
      const positive = negative.map(utils.pattern.convertToPositivePattern);
      return positive;
    }
    exports.getNegativePatternsAsPositive = getNegativePatternsAsPositive;
    function groupPatternsByBaseDirectory(patterns) {
      const group = {};
      return patterns.reduce((collection, pattern) => {
        const base = utils.pattern.getBaseDirectory(pattern);
        if (base in collection) {
          collection[base].push(pattern);
        } else {
          collection[base] = [pattern];
        }
        return collection;
      }, group);
    }
    exports.groupPatternsByBaseDirectory = groupPatternsByBaseDirectory;
    function convertPatternGroupsToTasks(positive, negative, dynamic) {
      return Object.keys(positive).map((base) => {
        return convertPatternGroupToTask(base, positive[base], negative, dynamic);
      });
    }
    exports.convertPatternGroupsToTasks = convertPatternGroupsToTasks;
    function convertPatternGroupToTask(base, positive, negative, dynamic) {
      return {
        dynamic,
        positive,
        negative,
        base,
        patterns: [].concat(positive, negative.map(utils.pattern.convertToNegativePattern))
      };
    }
    exports.convertPatternGroupToTask = convertPatternGroupToTask;
  }
});

// node_modules/@nodelib/fs.stat/out/providers/async.js
var require_async = __commonJS({
  "node_modules/@nodelib/fs.stat/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.read = void 0;
    function read(path18, settings, callback) {
      settings.fs.lstat(path18, (lstatError, lstat) => {
        if (lstatError !== null) {
          callFailureCallback(callback, lstatError);
          return;
        }
        if (!lstat.isSymbolicLink() || !settings.followSymbolicLink) {
          callSuccessCallback(callback, lstat);
          return;
        }
        settings.fs.stat(path18, (statError, stat) => {
          if (statError !== null) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              callFailureCallback(callback, statError);
              return;
            }
            callSuccessCallback(callback, lstat);
            return;
          }
          if (settings.markSymbolicLink) {
            stat.isSymbolicLink = () => true;
          }
          callSuccessCallback(callback, stat);
        });
      });
    }
    exports.read = read;
    function callFailureCallback(callback, error) {
      callback(error);
    }
    function callSuccessCallback(callback, result2) {
      callback(null, result2);
    }
  }
});

// node_modules/@nodelib/fs.stat/out/providers/sync.js
var require_sync = __commonJS({
  "node_modules/@nodelib/fs.stat/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.read = void 0;
    function read(path18, settings) {
      const lstat = settings.fs.lstatSync(path18);
      if (!lstat.isSymbolicLink() || !settings.followSymbolicLink) {
        return lstat;
      }
      try {
        const stat = settings.fs.statSync(path18);
        if (settings.markSymbolicLink) {
          stat.isSymbolicLink = () => true;
        }
        return stat;
      } catch (error) {
        if (!settings.throwErrorOnBrokenSymbolicLink) {
          return lstat;
        }
        throw error;
      }
    }
    exports.read = read;
  }
});

// node_modules/@nodelib/fs.stat/out/adapters/fs.js
var require_fs2 = __commonJS({
  "node_modules/@nodelib/fs.stat/out/adapters/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createFileSystemAdapter = exports.FILE_SYSTEM_ADAPTER = void 0;
    var fs2 = __require("fs");
    exports.FILE_SYSTEM_ADAPTER = {
      lstat: fs2.lstat,
      stat: fs2.stat,
      lstatSync: fs2.lstatSync,
      statSync: fs2.statSync
    };
    function createFileSystemAdapter(fsMethods) {
      if (fsMethods === void 0) {
        return exports.FILE_SYSTEM_ADAPTER;
      }
      return Object.assign(Object.assign({}, exports.FILE_SYSTEM_ADAPTER), fsMethods);
    }
    exports.createFileSystemAdapter = createFileSystemAdapter;
  }
});

// node_modules/@nodelib/fs.stat/out/settings.js
var require_settings = __commonJS({
  "node_modules/@nodelib/fs.stat/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs2 = require_fs2();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.followSymbolicLink = this._getValue(this._options.followSymbolicLink, true);
        this.fs = fs2.createFileSystemAdapter(this._options.fs);
        this.markSymbolicLink = this._getValue(this._options.markSymbolicLink, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, true);
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.stat/out/index.js
var require_out = __commonJS({
  "node_modules/@nodelib/fs.stat/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.statSync = exports.stat = exports.Settings = void 0;
    var async = require_async();
    var sync = require_sync();
    var settings_1 = require_settings();
    exports.Settings = settings_1.default;
    function stat(path18, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        async.read(path18, getSettings(), optionsOrSettingsOrCallback);
        return;
      }
      async.read(path18, getSettings(optionsOrSettingsOrCallback), callback);
    }
    exports.stat = stat;
    function statSync4(path18, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      return sync.read(path18, settings);
    }
    exports.statSync = statSync4;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/queue-microtask/index.js
var require_queue_microtask = __commonJS({
  "node_modules/queue-microtask/index.js"(exports, module) {
    var promise;
    module.exports = typeof queueMicrotask === "function" ? queueMicrotask.bind(typeof window !== "undefined" ? window : global) : (cb) => (promise || (promise = Promise.resolve())).then(cb).catch((err) => setTimeout(() => {
      throw err;
    }, 0));
  }
});

// node_modules/run-parallel/index.js
var require_run_parallel = __commonJS({
  "node_modules/run-parallel/index.js"(exports, module) {
    module.exports = runParallel;
    var queueMicrotask2 = require_queue_microtask();
    function runParallel(tasks, cb) {
      let results, pending, keys;
      let isSync = true;
      if (Array.isArray(tasks)) {
        results = [];
        pending = tasks.length;
      } else {
        keys = Object.keys(tasks);
        results = {};
        pending = keys.length;
      }
      function done(err) {
        function end() {
          if (cb) cb(err, results);
          cb = null;
        }
        if (isSync) queueMicrotask2(end);
        else end();
      }
      function each(i, err, result2) {
        results[i] = result2;
        if (--pending === 0 || err) {
          done(err);
        }
      }
      if (!pending) {
        done(null);
      } else if (keys) {
        keys.forEach(function(key) {
          tasks[key](function(err, result2) {
            each(key, err, result2);
          });
        });
      } else {
        tasks.forEach(function(task, i) {
          task(function(err, result2) {
            each(i, err, result2);
          });
        });
      }
      isSync = false;
    }
  }
});

// node_modules/@nodelib/fs.scandir/out/constants.js
var require_constants4 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/constants.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.IS_SUPPORT_READDIR_WITH_FILE_TYPES = void 0;
    var NODE_PROCESS_VERSION_PARTS = process.versions.node.split(".");
    if (NODE_PROCESS_VERSION_PARTS[0] === void 0 || NODE_PROCESS_VERSION_PARTS[1] === void 0) {
      throw new Error(`Unexpected behavior. The 'process.versions.node' variable has invalid value: ${process.versions.node}`);
    }
    var MAJOR_VERSION = Number.parseInt(NODE_PROCESS_VERSION_PARTS[0], 10);
    var MINOR_VERSION = Number.parseInt(NODE_PROCESS_VERSION_PARTS[1], 10);
    var SUPPORTED_MAJOR_VERSION = 10;
    var SUPPORTED_MINOR_VERSION = 10;
    var IS_MATCHED_BY_MAJOR = MAJOR_VERSION > SUPPORTED_MAJOR_VERSION;
    var IS_MATCHED_BY_MAJOR_AND_MINOR = MAJOR_VERSION === SUPPORTED_MAJOR_VERSION && MINOR_VERSION >= SUPPORTED_MINOR_VERSION;
    exports.IS_SUPPORT_READDIR_WITH_FILE_TYPES = IS_MATCHED_BY_MAJOR || IS_MATCHED_BY_MAJOR_AND_MINOR;
  }
});

// node_modules/@nodelib/fs.scandir/out/utils/fs.js
var require_fs3 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/utils/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDirentFromStats = void 0;
    var DirentFromStats = class {
      constructor(name, stats) {
        this.name = name;
        this.isBlockDevice = stats.isBlockDevice.bind(stats);
        this.isCharacterDevice = stats.isCharacterDevice.bind(stats);
        this.isDirectory = stats.isDirectory.bind(stats);
        this.isFIFO = stats.isFIFO.bind(stats);
        this.isFile = stats.isFile.bind(stats);
        this.isSocket = stats.isSocket.bind(stats);
        this.isSymbolicLink = stats.isSymbolicLink.bind(stats);
      }
    };
    function createDirentFromStats(name, stats) {
      return new DirentFromStats(name, stats);
    }
    exports.createDirentFromStats = createDirentFromStats;
  }
});

// node_modules/@nodelib/fs.scandir/out/utils/index.js
var require_utils5 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/utils/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.fs = void 0;
    var fs2 = require_fs3();
    exports.fs = fs2;
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/common.js
var require_common = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/common.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.joinPathSegments = void 0;
    function joinPathSegments(a, b, separator) {
      if (a.endsWith(separator)) {
        return a + b;
      }
      return a + separator + b;
    }
    exports.joinPathSegments = joinPathSegments;
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/async.js
var require_async2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.readdir = exports.readdirWithFileTypes = exports.read = void 0;
    var fsStat = require_out();
    var rpl = require_run_parallel();
    var constants_1 = require_constants4();
    var utils = require_utils5();
    var common = require_common();
    function read(directory, settings, callback) {
      if (!settings.stats && constants_1.IS_SUPPORT_READDIR_WITH_FILE_TYPES) {
        readdirWithFileTypes(directory, settings, callback);
        return;
      }
      readdir(directory, settings, callback);
    }
    exports.read = read;
    function readdirWithFileTypes(directory, settings, callback) {
      settings.fs.readdir(directory, { withFileTypes: true }, (readdirError, dirents) => {
        if (readdirError !== null) {
          callFailureCallback(callback, readdirError);
          return;
        }
        const entries = dirents.map((dirent) => ({
          dirent,
          name: dirent.name,
          path: common.joinPathSegments(directory, dirent.name, settings.pathSegmentSeparator)
        }));
        if (!settings.followSymbolicLinks) {
          callSuccessCallback(callback, entries);
          return;
        }
        const tasks = entries.map((entry) => makeRplTaskEntry(entry, settings));
        rpl(tasks, (rplError, rplEntries) => {
          if (rplError !== null) {
            callFailureCallback(callback, rplError);
            return;
          }
          callSuccessCallback(callback, rplEntries);
        });
      });
    }
    exports.readdirWithFileTypes = readdirWithFileTypes;
    function makeRplTaskEntry(entry, settings) {
      return (done) => {
        if (!entry.dirent.isSymbolicLink()) {
          done(null, entry);
          return;
        }
        settings.fs.stat(entry.path, (statError, stats) => {
          if (statError !== null) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              done(statError);
              return;
            }
            done(null, entry);
            return;
          }
          entry.dirent = utils.fs.createDirentFromStats(entry.name, stats);
          done(null, entry);
        });
      };
    }
    function readdir(directory, settings, callback) {
      settings.fs.readdir(directory, (readdirError, names) => {
        if (readdirError !== null) {
          callFailureCallback(callback, readdirError);
          return;
        }
        const tasks = names.map((name) => {
          const path18 = common.joinPathSegments(directory, name, settings.pathSegmentSeparator);
          return (done) => {
            fsStat.stat(path18, settings.fsStatSettings, (error, stats) => {
              if (error !== null) {
                done(error);
                return;
              }
              const entry = {
                name,
                path: path18,
                dirent: utils.fs.createDirentFromStats(name, stats)
              };
              if (settings.stats) {
                entry.stats = stats;
              }
              done(null, entry);
            });
          };
        });
        rpl(tasks, (rplError, entries) => {
          if (rplError !== null) {
            callFailureCallback(callback, rplError);
            return;
          }
          callSuccessCallback(callback, entries);
        });
      });
    }
    exports.readdir = readdir;
    function callFailureCallback(callback, error) {
      callback(error);
    }
    function callSuccessCallback(callback, result2) {
      callback(null, result2);
    }
  }
});

// node_modules/@nodelib/fs.scandir/out/providers/sync.js
var require_sync2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.readdir = exports.readdirWithFileTypes = exports.read = void 0;
    var fsStat = require_out();
    var constants_1 = require_constants4();
    var utils = require_utils5();
    var common = require_common();
    function read(directory, settings) {
      if (!settings.stats && constants_1.IS_SUPPORT_READDIR_WITH_FILE_TYPES) {
        return readdirWithFileTypes(directory, settings);
      }
      return readdir(directory, settings);
    }
    exports.read = read;
    function readdirWithFileTypes(directory, settings) {
      const dirents = settings.fs.readdirSync(directory, { withFileTypes: true });
      return dirents.map((dirent) => {
        const entry = {
          dirent,
          name: dirent.name,
          path: common.joinPathSegments(directory, dirent.name, settings.pathSegmentSeparator)
        };
        if (entry.dirent.isSymbolicLink() && settings.followSymbolicLinks) {
          try {
            const stats = settings.fs.statSync(entry.path);
            entry.dirent = utils.fs.createDirentFromStats(entry.name, stats);
          } catch (error) {
            if (settings.throwErrorOnBrokenSymbolicLink) {
              throw error;
            }
          }
        }
        return entry;
      });
    }
    exports.readdirWithFileTypes = readdirWithFileTypes;
    function readdir(directory, settings) {
      const names = settings.fs.readdirSync(directory);
      return names.map((name) => {
        const entryPath = common.joinPathSegments(directory, name, settings.pathSegmentSeparator);
        const stats = fsStat.statSync(entryPath, settings.fsStatSettings);
        const entry = {
          name,
          path: entryPath,
          dirent: utils.fs.createDirentFromStats(name, stats)
        };
        if (settings.stats) {
          entry.stats = stats;
        }
        return entry;
      });
    }
    exports.readdir = readdir;
  }
});

// node_modules/@nodelib/fs.scandir/out/adapters/fs.js
var require_fs4 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/adapters/fs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createFileSystemAdapter = exports.FILE_SYSTEM_ADAPTER = void 0;
    var fs2 = __require("fs");
    exports.FILE_SYSTEM_ADAPTER = {
      lstat: fs2.lstat,
      stat: fs2.stat,
      lstatSync: fs2.lstatSync,
      statSync: fs2.statSync,
      readdir: fs2.readdir,
      readdirSync: fs2.readdirSync
    };
    function createFileSystemAdapter(fsMethods) {
      if (fsMethods === void 0) {
        return exports.FILE_SYSTEM_ADAPTER;
      }
      return Object.assign(Object.assign({}, exports.FILE_SYSTEM_ADAPTER), fsMethods);
    }
    exports.createFileSystemAdapter = createFileSystemAdapter;
  }
});

// node_modules/@nodelib/fs.scandir/out/settings.js
var require_settings2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path18 = __require("path");
    var fsStat = require_out();
    var fs2 = require_fs4();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.followSymbolicLinks = this._getValue(this._options.followSymbolicLinks, false);
        this.fs = fs2.createFileSystemAdapter(this._options.fs);
        this.pathSegmentSeparator = this._getValue(this._options.pathSegmentSeparator, path18.sep);
        this.stats = this._getValue(this._options.stats, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, true);
        this.fsStatSettings = new fsStat.Settings({
          followSymbolicLink: this.followSymbolicLinks,
          fs: this.fs,
          throwErrorOnBrokenSymbolicLink: this.throwErrorOnBrokenSymbolicLink
        });
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.scandir/out/index.js
var require_out2 = __commonJS({
  "node_modules/@nodelib/fs.scandir/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Settings = exports.scandirSync = exports.scandir = void 0;
    var async = require_async2();
    var sync = require_sync2();
    var settings_1 = require_settings2();
    exports.Settings = settings_1.default;
    function scandir(path18, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        async.read(path18, getSettings(), optionsOrSettingsOrCallback);
        return;
      }
      async.read(path18, getSettings(optionsOrSettingsOrCallback), callback);
    }
    exports.scandir = scandir;
    function scandirSync(path18, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      return sync.read(path18, settings);
    }
    exports.scandirSync = scandirSync;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/reusify/reusify.js
var require_reusify = __commonJS({
  "node_modules/reusify/reusify.js"(exports, module) {
    "use strict";
    function reusify(Constructor) {
      var head = new Constructor();
      var tail = head;
      function get() {
        var current = head;
        if (current.next) {
          head = current.next;
        } else {
          head = new Constructor();
          tail = head;
        }
        current.next = null;
        return current;
      }
      function release(obj) {
        tail.next = obj;
        tail = obj;
      }
      return {
        get,
        release
      };
    }
    module.exports = reusify;
  }
});

// node_modules/fastq/queue.js
var require_queue = __commonJS({
  "node_modules/fastq/queue.js"(exports, module) {
    "use strict";
    var reusify = require_reusify();
    function fastqueue(context, worker, _concurrency) {
      if (typeof context === "function") {
        _concurrency = worker;
        worker = context;
        context = null;
      }
      if (!(_concurrency >= 1)) {
        throw new Error("fastqueue concurrency must be equal to or greater than 1");
      }
      var cache = reusify(Task);
      var queueHead = null;
      var queueTail = null;
      var _running = 0;
      var errorHandler = null;
      var self = {
        push,
        drain: noop,
        saturated: noop,
        pause,
        paused: false,
        get concurrency() {
          return _concurrency;
        },
        set concurrency(value) {
          if (!(value >= 1)) {
            throw new Error("fastqueue concurrency must be equal to or greater than 1");
          }
          _concurrency = value;
          if (self.paused) return;
          for (; queueHead && _running < _concurrency; ) {
            _running++;
            release();
          }
        },
        running,
        resume,
        idle,
        length,
        getQueue,
        unshift,
        empty: noop,
        kill,
        killAndDrain,
        error,
        abort
      };
      return self;
      function running() {
        return _running;
      }
      function pause() {
        self.paused = true;
      }
      function length() {
        var current = queueHead;
        var counter = 0;
        while (current) {
          current = current.next;
          counter++;
        }
        return counter;
      }
      function getQueue() {
        var current = queueHead;
        var tasks = [];
        while (current) {
          tasks.push(current.value);
          current = current.next;
        }
        return tasks;
      }
      function resume() {
        if (!self.paused) return;
        self.paused = false;
        if (queueHead === null) {
          _running++;
          release();
          return;
        }
        for (; queueHead && _running < _concurrency; ) {
          _running++;
          release();
        }
      }
      function idle() {
        return _running === 0 && self.length() === 0;
      }
      function push(value, done) {
        var current = cache.get();
        current.context = context;
        current.release = release;
        current.value = value;
        current.callback = done || noop;
        current.errorHandler = errorHandler;
        if (_running >= _concurrency || self.paused) {
          if (queueTail) {
            queueTail.next = current;
            queueTail = current;
          } else {
            queueHead = current;
            queueTail = current;
            self.saturated();
          }
        } else {
          _running++;
          worker.call(context, current.value, current.worked);
        }
      }
      function unshift(value, done) {
        var current = cache.get();
        current.context = context;
        current.release = release;
        current.value = value;
        current.callback = done || noop;
        current.errorHandler = errorHandler;
        if (_running >= _concurrency || self.paused) {
          if (queueHead) {
            current.next = queueHead;
            queueHead = current;
          } else {
            queueHead = current;
            queueTail = current;
            self.saturated();
          }
        } else {
          _running++;
          worker.call(context, current.value, current.worked);
        }
      }
      function release(holder) {
        if (holder) {
          cache.release(holder);
        }
        var next = queueHead;
        if (next && _running <= _concurrency) {
          if (!self.paused) {
            if (queueTail === queueHead) {
              queueTail = null;
            }
            queueHead = next.next;
            next.next = null;
            worker.call(context, next.value, next.worked);
            if (queueTail === null) {
              self.empty();
            }
          } else {
            _running--;
          }
        } else if (--_running === 0) {
          self.drain();
        }
      }
      function kill() {
        queueHead = null;
        queueTail = null;
        self.drain = noop;
      }
      function killAndDrain() {
        queueHead = null;
        queueTail = null;
        self.drain();
        self.drain = noop;
      }
      function abort() {
        var current = queueHead;
        queueHead = null;
        queueTail = null;
        while (current) {
          var next = current.next;
          var callback = current.callback;
          var errorHandler2 = current.errorHandler;
          var val = current.value;
          var context2 = current.context;
          current.value = null;
          current.callback = noop;
          current.errorHandler = null;
          current.next = null;
          if (errorHandler2) {
            errorHandler2(new Error("abort"), val);
          }
          callback.call(context2, new Error("abort"));
          cache.release(current);
          current = next;
        }
        self.drain = noop;
      }
      function error(handler) {
        errorHandler = handler;
      }
    }
    function noop() {
    }
    function Task() {
      this.value = null;
      this.callback = noop;
      this.next = null;
      this.release = noop;
      this.context = null;
      this.errorHandler = null;
      var self = this;
      this.worked = function worked(err, result2) {
        var callback = self.callback;
        var errorHandler = self.errorHandler;
        var val = self.value;
        self.value = null;
        self.callback = noop;
        if (self.errorHandler) {
          errorHandler(err, val);
        }
        callback.call(self.context, err, result2);
        self.release(self);
      };
    }
    function queueAsPromised(context, worker, _concurrency) {
      if (typeof context === "function") {
        _concurrency = worker;
        worker = context;
        context = null;
      }
      function asyncWrapper(arg, cb) {
        worker.call(this, arg).then(function(res) {
          cb(null, res);
        }, cb);
      }
      var queue = fastqueue(context, asyncWrapper, _concurrency);
      var pushCb = queue.push;
      var unshiftCb = queue.unshift;
      queue.push = push;
      queue.unshift = unshift;
      queue.drained = drained;
      return queue;
      function push(value) {
        var p = new Promise(function(resolve2, reject) {
          pushCb(value, function(err, result2) {
            if (err) {
              reject(err);
              return;
            }
            resolve2(result2);
          });
        });
        p.catch(noop);
        return p;
      }
      function unshift(value) {
        var p = new Promise(function(resolve2, reject) {
          unshiftCb(value, function(err, result2) {
            if (err) {
              reject(err);
              return;
            }
            resolve2(result2);
          });
        });
        p.catch(noop);
        return p;
      }
      function drained() {
        var p = new Promise(function(resolve2) {
          process.nextTick(function() {
            if (queue.idle()) {
              resolve2();
            } else {
              var previousDrain = queue.drain;
              queue.drain = function() {
                if (typeof previousDrain === "function") previousDrain();
                resolve2();
                queue.drain = previousDrain;
              };
            }
          });
        });
        return p;
      }
    }
    module.exports = fastqueue;
    module.exports.promise = queueAsPromised;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/common.js
var require_common2 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/common.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.joinPathSegments = exports.replacePathSegmentSeparator = exports.isAppliedFilter = exports.isFatalError = void 0;
    function isFatalError(settings, error) {
      if (settings.errorFilter === null) {
        return true;
      }
      return !settings.errorFilter(error);
    }
    exports.isFatalError = isFatalError;
    function isAppliedFilter(filter, value) {
      return filter === null || filter(value);
    }
    exports.isAppliedFilter = isAppliedFilter;
    function replacePathSegmentSeparator(filepath, separator) {
      return filepath.split(/[/\\]/).join(separator);
    }
    exports.replacePathSegmentSeparator = replacePathSegmentSeparator;
    function joinPathSegments(a, b, separator) {
      if (a === "") {
        return b;
      }
      if (a.endsWith(separator)) {
        return a + b;
      }
      return a + separator + b;
    }
    exports.joinPathSegments = joinPathSegments;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/reader.js
var require_reader = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/reader.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var common = require_common2();
    var Reader = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._root = common.replacePathSegmentSeparator(_root, _settings.pathSegmentSeparator);
      }
    };
    exports.default = Reader;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/async.js
var require_async3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var events_1 = __require("events");
    var fsScandir = require_out2();
    var fastq = require_queue();
    var common = require_common2();
    var reader_1 = require_reader();
    var AsyncReader = class extends reader_1.default {
      constructor(_root, _settings) {
        super(_root, _settings);
        this._settings = _settings;
        this._scandir = fsScandir.scandir;
        this._emitter = new events_1.EventEmitter();
        this._queue = fastq(this._worker.bind(this), this._settings.concurrency);
        this._isFatalError = false;
        this._isDestroyed = false;
        this._queue.drain = () => {
          if (!this._isFatalError) {
            this._emitter.emit("end");
          }
        };
      }
      read() {
        this._isFatalError = false;
        this._isDestroyed = false;
        setImmediate(() => {
          this._pushToQueue(this._root, this._settings.basePath);
        });
        return this._emitter;
      }
      get isDestroyed() {
        return this._isDestroyed;
      }
      destroy() {
        if (this._isDestroyed) {
          throw new Error("The reader is already destroyed");
        }
        this._isDestroyed = true;
        this._queue.killAndDrain();
      }
      onEntry(callback) {
        this._emitter.on("entry", callback);
      }
      onError(callback) {
        this._emitter.once("error", callback);
      }
      onEnd(callback) {
        this._emitter.once("end", callback);
      }
      _pushToQueue(directory, base) {
        const queueItem = { directory, base };
        this._queue.push(queueItem, (error) => {
          if (error !== null) {
            this._handleError(error);
          }
        });
      }
      _worker(item, done) {
        this._scandir(item.directory, this._settings.fsScandirSettings, (error, entries) => {
          if (error !== null) {
            done(error, void 0);
            return;
          }
          for (const entry of entries) {
            this._handleEntry(entry, item.base);
          }
          done(null, void 0);
        });
      }
      _handleError(error) {
        if (this._isDestroyed || !common.isFatalError(this._settings, error)) {
          return;
        }
        this._isFatalError = true;
        this._isDestroyed = true;
        this._emitter.emit("error", error);
      }
      _handleEntry(entry, base) {
        if (this._isDestroyed || this._isFatalError) {
          return;
        }
        const fullpath = entry.path;
        if (base !== void 0) {
          entry.path = common.joinPathSegments(base, entry.name, this._settings.pathSegmentSeparator);
        }
        if (common.isAppliedFilter(this._settings.entryFilter, entry)) {
          this._emitEntry(entry);
        }
        if (entry.dirent.isDirectory() && common.isAppliedFilter(this._settings.deepFilter, entry)) {
          this._pushToQueue(fullpath, base === void 0 ? void 0 : entry.path);
        }
      }
      _emitEntry(entry) {
        this._emitter.emit("entry", entry);
      }
    };
    exports.default = AsyncReader;
  }
});

// node_modules/@nodelib/fs.walk/out/providers/async.js
var require_async4 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var async_1 = require_async3();
    var AsyncProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new async_1.default(this._root, this._settings);
        this._storage = [];
      }
      read(callback) {
        this._reader.onError((error) => {
          callFailureCallback(callback, error);
        });
        this._reader.onEntry((entry) => {
          this._storage.push(entry);
        });
        this._reader.onEnd(() => {
          callSuccessCallback(callback, this._storage);
        });
        this._reader.read();
      }
    };
    exports.default = AsyncProvider;
    function callFailureCallback(callback, error) {
      callback(error);
    }
    function callSuccessCallback(callback, entries) {
      callback(null, entries);
    }
  }
});

// node_modules/@nodelib/fs.walk/out/providers/stream.js
var require_stream2 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var async_1 = require_async3();
    var StreamProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new async_1.default(this._root, this._settings);
        this._stream = new stream_1.Readable({
          objectMode: true,
          read: () => {
          },
          destroy: () => {
            if (!this._reader.isDestroyed) {
              this._reader.destroy();
            }
          }
        });
      }
      read() {
        this._reader.onError((error) => {
          this._stream.emit("error", error);
        });
        this._reader.onEntry((entry) => {
          this._stream.push(entry);
        });
        this._reader.onEnd(() => {
          this._stream.push(null);
        });
        this._reader.read();
        return this._stream;
      }
    };
    exports.default = StreamProvider;
  }
});

// node_modules/@nodelib/fs.walk/out/readers/sync.js
var require_sync3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/readers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsScandir = require_out2();
    var common = require_common2();
    var reader_1 = require_reader();
    var SyncReader = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._scandir = fsScandir.scandirSync;
        this._storage = [];
        this._queue = /* @__PURE__ */ new Set();
      }
      read() {
        this._pushToQueue(this._root, this._settings.basePath);
        this._handleQueue();
        return this._storage;
      }
      _pushToQueue(directory, base) {
        this._queue.add({ directory, base });
      }
      _handleQueue() {
        for (const item of this._queue.values()) {
          this._handleDirectory(item.directory, item.base);
        }
      }
      _handleDirectory(directory, base) {
        try {
          const entries = this._scandir(directory, this._settings.fsScandirSettings);
          for (const entry of entries) {
            this._handleEntry(entry, base);
          }
        } catch (error) {
          this._handleError(error);
        }
      }
      _handleError(error) {
        if (!common.isFatalError(this._settings, error)) {
          return;
        }
        throw error;
      }
      _handleEntry(entry, base) {
        const fullpath = entry.path;
        if (base !== void 0) {
          entry.path = common.joinPathSegments(base, entry.name, this._settings.pathSegmentSeparator);
        }
        if (common.isAppliedFilter(this._settings.entryFilter, entry)) {
          this._pushToStorage(entry);
        }
        if (entry.dirent.isDirectory() && common.isAppliedFilter(this._settings.deepFilter, entry)) {
          this._pushToQueue(fullpath, base === void 0 ? void 0 : entry.path);
        }
      }
      _pushToStorage(entry) {
        this._storage.push(entry);
      }
    };
    exports.default = SyncReader;
  }
});

// node_modules/@nodelib/fs.walk/out/providers/sync.js
var require_sync4 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var sync_1 = require_sync3();
    var SyncProvider = class {
      constructor(_root, _settings) {
        this._root = _root;
        this._settings = _settings;
        this._reader = new sync_1.default(this._root, this._settings);
      }
      read() {
        return this._reader.read();
      }
    };
    exports.default = SyncProvider;
  }
});

// node_modules/@nodelib/fs.walk/out/settings.js
var require_settings3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path18 = __require("path");
    var fsScandir = require_out2();
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.basePath = this._getValue(this._options.basePath, void 0);
        this.concurrency = this._getValue(this._options.concurrency, Number.POSITIVE_INFINITY);
        this.deepFilter = this._getValue(this._options.deepFilter, null);
        this.entryFilter = this._getValue(this._options.entryFilter, null);
        this.errorFilter = this._getValue(this._options.errorFilter, null);
        this.pathSegmentSeparator = this._getValue(this._options.pathSegmentSeparator, path18.sep);
        this.fsScandirSettings = new fsScandir.Settings({
          followSymbolicLinks: this._options.followSymbolicLinks,
          fs: this._options.fs,
          pathSegmentSeparator: this._options.pathSegmentSeparator,
          stats: this._options.stats,
          throwErrorOnBrokenSymbolicLink: this._options.throwErrorOnBrokenSymbolicLink
        });
      }
      _getValue(option, value) {
        return option !== null && option !== void 0 ? option : value;
      }
    };
    exports.default = Settings;
  }
});

// node_modules/@nodelib/fs.walk/out/index.js
var require_out3 = __commonJS({
  "node_modules/@nodelib/fs.walk/out/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.Settings = exports.walkStream = exports.walkSync = exports.walk = void 0;
    var async_1 = require_async4();
    var stream_1 = require_stream2();
    var sync_1 = require_sync4();
    var settings_1 = require_settings3();
    exports.Settings = settings_1.default;
    function walk(directory, optionsOrSettingsOrCallback, callback) {
      if (typeof optionsOrSettingsOrCallback === "function") {
        new async_1.default(directory, getSettings()).read(optionsOrSettingsOrCallback);
        return;
      }
      new async_1.default(directory, getSettings(optionsOrSettingsOrCallback)).read(callback);
    }
    exports.walk = walk;
    function walkSync(directory, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      const provider = new sync_1.default(directory, settings);
      return provider.read();
    }
    exports.walkSync = walkSync;
    function walkStream(directory, optionsOrSettings) {
      const settings = getSettings(optionsOrSettings);
      const provider = new stream_1.default(directory, settings);
      return provider.read();
    }
    exports.walkStream = walkStream;
    function getSettings(settingsOrOptions = {}) {
      if (settingsOrOptions instanceof settings_1.default) {
        return settingsOrOptions;
      }
      return new settings_1.default(settingsOrOptions);
    }
  }
});

// node_modules/fast-glob/out/readers/reader.js
var require_reader2 = __commonJS({
  "node_modules/fast-glob/out/readers/reader.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path18 = __require("path");
    var fsStat = require_out();
    var utils = require_utils4();
    var Reader = class {
      constructor(_settings) {
        this._settings = _settings;
        this._fsStatSettings = new fsStat.Settings({
          followSymbolicLink: this._settings.followSymbolicLinks,
          fs: this._settings.fs,
          throwErrorOnBrokenSymbolicLink: this._settings.followSymbolicLinks
        });
      }
      _getFullEntryPath(filepath) {
        return path18.resolve(this._settings.cwd, filepath);
      }
      _makeEntry(stats, pattern) {
        const entry = {
          name: pattern,
          path: pattern,
          dirent: utils.fs.createDirentFromStats(pattern, stats)
        };
        if (this._settings.stats) {
          entry.stats = stats;
        }
        return entry;
      }
      _isFatalError(error) {
        return !utils.errno.isEnoentCodeError(error) && !this._settings.suppressErrors;
      }
    };
    exports.default = Reader;
  }
});

// node_modules/fast-glob/out/readers/stream.js
var require_stream3 = __commonJS({
  "node_modules/fast-glob/out/readers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var fsStat = require_out();
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var ReaderStream = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkStream = fsWalk.walkStream;
        this._stat = fsStat.stat;
      }
      dynamic(root, options) {
        return this._walkStream(root, options);
      }
      static(patterns, options) {
        const filepaths = patterns.map(this._getFullEntryPath, this);
        const stream = new stream_1.PassThrough({ objectMode: true });
        stream._write = (index, _enc, done) => {
          return this._getEntry(filepaths[index], patterns[index], options).then((entry) => {
            if (entry !== null && options.entryFilter(entry)) {
              stream.push(entry);
            }
            if (index === filepaths.length - 1) {
              stream.end();
            }
            done();
          }).catch(done);
        };
        for (let i = 0; i < filepaths.length; i++) {
          stream.write(i);
        }
        return stream;
      }
      _getEntry(filepath, pattern, options) {
        return this._getStat(filepath).then((stats) => this._makeEntry(stats, pattern)).catch((error) => {
          if (options.errorFilter(error)) {
            return null;
          }
          throw error;
        });
      }
      _getStat(filepath) {
        return new Promise((resolve2, reject) => {
          this._stat(filepath, this._fsStatSettings, (error, stats) => {
            return error === null ? resolve2(stats) : reject(error);
          });
        });
      }
    };
    exports.default = ReaderStream;
  }
});

// node_modules/fast-glob/out/readers/async.js
var require_async5 = __commonJS({
  "node_modules/fast-glob/out/readers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var stream_1 = require_stream3();
    var ReaderAsync = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkAsync = fsWalk.walk;
        this._readerStream = new stream_1.default(this._settings);
      }
      dynamic(root, options) {
        return new Promise((resolve2, reject) => {
          this._walkAsync(root, options, (error, entries) => {
            if (error === null) {
              resolve2(entries);
            } else {
              reject(error);
            }
          });
        });
      }
      async static(patterns, options) {
        const entries = [];
        const stream = this._readerStream.static(patterns, options);
        return new Promise((resolve2, reject) => {
          stream.once("error", reject);
          stream.on("data", (entry) => entries.push(entry));
          stream.once("end", () => resolve2(entries));
        });
      }
    };
    exports.default = ReaderAsync;
  }
});

// node_modules/fast-glob/out/providers/matchers/matcher.js
var require_matcher = __commonJS({
  "node_modules/fast-glob/out/providers/matchers/matcher.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils4();
    var Matcher = class {
      constructor(_patterns, _settings, _micromatchOptions) {
        this._patterns = _patterns;
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
        this._storage = [];
        this._fillStorage();
      }
      _fillStorage() {
        for (const pattern of this._patterns) {
          const segments = this._getPatternSegments(pattern);
          const sections = this._splitSegmentsIntoSections(segments);
          this._storage.push({
            complete: sections.length <= 1,
            pattern,
            segments,
            sections
          });
        }
      }
      _getPatternSegments(pattern) {
        const parts = utils.pattern.getPatternParts(pattern, this._micromatchOptions);
        return parts.map((part) => {
          const dynamic = utils.pattern.isDynamicPattern(part, this._settings);
          if (!dynamic) {
            return {
              dynamic: false,
              pattern: part
            };
          }
          return {
            dynamic: true,
            pattern: part,
            patternRe: utils.pattern.makeRe(part, this._micromatchOptions)
          };
        });
      }
      _splitSegmentsIntoSections(segments) {
        return utils.array.splitWhen(segments, (segment) => segment.dynamic && utils.pattern.hasGlobStar(segment.pattern));
      }
    };
    exports.default = Matcher;
  }
});

// node_modules/fast-glob/out/providers/matchers/partial.js
var require_partial = __commonJS({
  "node_modules/fast-glob/out/providers/matchers/partial.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var matcher_1 = require_matcher();
    var PartialMatcher = class extends matcher_1.default {
      match(filepath) {
        const parts = filepath.split("/");
        const levels = parts.length;
        const patterns = this._storage.filter((info) => !info.complete || info.segments.length > levels);
        for (const pattern of patterns) {
          const section2 = pattern.sections[0];
          if (!pattern.complete && levels > section2.length) {
            return true;
          }
          const match = parts.every((part, index) => {
            const segment = pattern.segments[index];
            if (segment.dynamic && segment.patternRe.test(part)) {
              return true;
            }
            if (!segment.dynamic && segment.pattern === part) {
              return true;
            }
            return false;
          });
          if (match) {
            return true;
          }
        }
        return false;
      }
    };
    exports.default = PartialMatcher;
  }
});

// node_modules/fast-glob/out/providers/filters/deep.js
var require_deep = __commonJS({
  "node_modules/fast-glob/out/providers/filters/deep.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils4();
    var partial_1 = require_partial();
    var DeepFilter = class {
      constructor(_settings, _micromatchOptions) {
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
      }
      getFilter(basePath, positive, negative) {
        const matcher = this._getMatcher(positive);
        const negativeRe = this._getNegativePatternsRe(negative);
        return (entry) => this._filter(basePath, entry, matcher, negativeRe);
      }
      _getMatcher(patterns) {
        return new partial_1.default(patterns, this._settings, this._micromatchOptions);
      }
      _getNegativePatternsRe(patterns) {
        const affectDepthOfReadingPatterns = patterns.filter(utils.pattern.isAffectDepthOfReadingPattern);
        return utils.pattern.convertPatternsToRe(affectDepthOfReadingPatterns, this._micromatchOptions);
      }
      _filter(basePath, entry, matcher, negativeRe) {
        if (this._isSkippedByDeep(basePath, entry.path)) {
          return false;
        }
        if (this._isSkippedSymbolicLink(entry)) {
          return false;
        }
        const filepath = utils.path.removeLeadingDotSegment(entry.path);
        if (this._isSkippedByPositivePatterns(filepath, matcher)) {
          return false;
        }
        return this._isSkippedByNegativePatterns(filepath, negativeRe);
      }
      _isSkippedByDeep(basePath, entryPath) {
        if (this._settings.deep === Infinity) {
          return false;
        }
        return this._getEntryLevel(basePath, entryPath) >= this._settings.deep;
      }
      _getEntryLevel(basePath, entryPath) {
        const entryPathDepth = entryPath.split("/").length;
        if (basePath === "") {
          return entryPathDepth;
        }
        const basePathDepth = basePath.split("/").length;
        return entryPathDepth - basePathDepth;
      }
      _isSkippedSymbolicLink(entry) {
        return !this._settings.followSymbolicLinks && entry.dirent.isSymbolicLink();
      }
      _isSkippedByPositivePatterns(entryPath, matcher) {
        return !this._settings.baseNameMatch && !matcher.match(entryPath);
      }
      _isSkippedByNegativePatterns(entryPath, patternsRe) {
        return !utils.pattern.matchAny(entryPath, patternsRe);
      }
    };
    exports.default = DeepFilter;
  }
});

// node_modules/fast-glob/out/providers/filters/entry.js
var require_entry = __commonJS({
  "node_modules/fast-glob/out/providers/filters/entry.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils4();
    var EntryFilter = class {
      constructor(_settings, _micromatchOptions) {
        this._settings = _settings;
        this._micromatchOptions = _micromatchOptions;
        this.index = /* @__PURE__ */ new Map();
      }
      getFilter(positive, negative) {
        const [absoluteNegative, relativeNegative] = utils.pattern.partitionAbsoluteAndRelative(negative);
        const patterns = {
          positive: {
            all: utils.pattern.convertPatternsToRe(positive, this._micromatchOptions)
          },
          negative: {
            absolute: utils.pattern.convertPatternsToRe(absoluteNegative, Object.assign(Object.assign({}, this._micromatchOptions), { dot: true })),
            relative: utils.pattern.convertPatternsToRe(relativeNegative, Object.assign(Object.assign({}, this._micromatchOptions), { dot: true }))
          }
        };
        return (entry) => this._filter(entry, patterns);
      }
      _filter(entry, patterns) {
        const filepath = utils.path.removeLeadingDotSegment(entry.path);
        if (this._settings.unique && this._isDuplicateEntry(filepath)) {
          return false;
        }
        if (this._onlyFileFilter(entry) || this._onlyDirectoryFilter(entry)) {
          return false;
        }
        const isMatched = this._isMatchToPatternsSet(filepath, patterns, entry.dirent.isDirectory());
        if (this._settings.unique && isMatched) {
          this._createIndexRecord(filepath);
        }
        return isMatched;
      }
      _isDuplicateEntry(filepath) {
        return this.index.has(filepath);
      }
      _createIndexRecord(filepath) {
        this.index.set(filepath, void 0);
      }
      _onlyFileFilter(entry) {
        return this._settings.onlyFiles && !entry.dirent.isFile();
      }
      _onlyDirectoryFilter(entry) {
        return this._settings.onlyDirectories && !entry.dirent.isDirectory();
      }
      _isMatchToPatternsSet(filepath, patterns, isDirectory3) {
        const isMatched = this._isMatchToPatterns(filepath, patterns.positive.all, isDirectory3);
        if (!isMatched) {
          return false;
        }
        const isMatchedByRelativeNegative = this._isMatchToPatterns(filepath, patterns.negative.relative, isDirectory3);
        if (isMatchedByRelativeNegative) {
          return false;
        }
        const isMatchedByAbsoluteNegative = this._isMatchToAbsoluteNegative(filepath, patterns.negative.absolute, isDirectory3);
        if (isMatchedByAbsoluteNegative) {
          return false;
        }
        return true;
      }
      _isMatchToAbsoluteNegative(filepath, patternsRe, isDirectory3) {
        if (patternsRe.length === 0) {
          return false;
        }
        const fullpath = utils.path.makeAbsolute(this._settings.cwd, filepath);
        return this._isMatchToPatterns(fullpath, patternsRe, isDirectory3);
      }
      _isMatchToPatterns(filepath, patternsRe, isDirectory3) {
        if (patternsRe.length === 0) {
          return false;
        }
        const isMatched = utils.pattern.matchAny(filepath, patternsRe);
        if (!isMatched && isDirectory3) {
          return utils.pattern.matchAny(filepath + "/", patternsRe);
        }
        return isMatched;
      }
    };
    exports.default = EntryFilter;
  }
});

// node_modules/fast-glob/out/providers/filters/error.js
var require_error2 = __commonJS({
  "node_modules/fast-glob/out/providers/filters/error.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils4();
    var ErrorFilter = class {
      constructor(_settings) {
        this._settings = _settings;
      }
      getFilter() {
        return (error) => this._isNonFatalError(error);
      }
      _isNonFatalError(error) {
        return utils.errno.isEnoentCodeError(error) || this._settings.suppressErrors;
      }
    };
    exports.default = ErrorFilter;
  }
});

// node_modules/fast-glob/out/providers/transformers/entry.js
var require_entry2 = __commonJS({
  "node_modules/fast-glob/out/providers/transformers/entry.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var utils = require_utils4();
    var EntryTransformer = class {
      constructor(_settings) {
        this._settings = _settings;
      }
      getTransformer() {
        return (entry) => this._transform(entry);
      }
      _transform(entry) {
        let filepath = entry.path;
        if (this._settings.absolute) {
          filepath = utils.path.makeAbsolute(this._settings.cwd, filepath);
          filepath = utils.path.unixify(filepath);
        }
        if (this._settings.markDirectories && entry.dirent.isDirectory()) {
          filepath += "/";
        }
        if (!this._settings.objectMode) {
          return filepath;
        }
        return Object.assign(Object.assign({}, entry), { path: filepath });
      }
    };
    exports.default = EntryTransformer;
  }
});

// node_modules/fast-glob/out/providers/provider.js
var require_provider = __commonJS({
  "node_modules/fast-glob/out/providers/provider.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var path18 = __require("path");
    var deep_1 = require_deep();
    var entry_1 = require_entry();
    var error_1 = require_error2();
    var entry_2 = require_entry2();
    var Provider = class {
      constructor(_settings) {
        this._settings = _settings;
        this.errorFilter = new error_1.default(this._settings);
        this.entryFilter = new entry_1.default(this._settings, this._getMicromatchOptions());
        this.deepFilter = new deep_1.default(this._settings, this._getMicromatchOptions());
        this.entryTransformer = new entry_2.default(this._settings);
      }
      _getRootDirectory(task) {
        return path18.resolve(this._settings.cwd, task.base);
      }
      _getReaderOptions(task) {
        const basePath = task.base === "." ? "" : task.base;
        return {
          basePath,
          pathSegmentSeparator: "/",
          concurrency: this._settings.concurrency,
          deepFilter: this.deepFilter.getFilter(basePath, task.positive, task.negative),
          entryFilter: this.entryFilter.getFilter(task.positive, task.negative),
          errorFilter: this.errorFilter.getFilter(),
          followSymbolicLinks: this._settings.followSymbolicLinks,
          fs: this._settings.fs,
          stats: this._settings.stats,
          throwErrorOnBrokenSymbolicLink: this._settings.throwErrorOnBrokenSymbolicLink,
          transform: this.entryTransformer.getTransformer()
        };
      }
      _getMicromatchOptions() {
        return {
          dot: this._settings.dot,
          matchBase: this._settings.baseNameMatch,
          nobrace: !this._settings.braceExpansion,
          nocase: !this._settings.caseSensitiveMatch,
          noext: !this._settings.extglob,
          noglobstar: !this._settings.globstar,
          posix: true,
          strictSlashes: false
        };
      }
    };
    exports.default = Provider;
  }
});

// node_modules/fast-glob/out/providers/async.js
var require_async6 = __commonJS({
  "node_modules/fast-glob/out/providers/async.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var async_1 = require_async5();
    var provider_1 = require_provider();
    var ProviderAsync = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new async_1.default(this._settings);
      }
      async read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const entries = await this.api(root, task, options);
        return entries.map((entry) => options.transform(entry));
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderAsync;
  }
});

// node_modules/fast-glob/out/providers/stream.js
var require_stream4 = __commonJS({
  "node_modules/fast-glob/out/providers/stream.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var stream_1 = __require("stream");
    var stream_2 = require_stream3();
    var provider_1 = require_provider();
    var ProviderStream = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new stream_2.default(this._settings);
      }
      read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const source = this.api(root, task, options);
        const destination = new stream_1.Readable({ objectMode: true, read: () => {
        } });
        source.once("error", (error) => destination.emit("error", error)).on("data", (entry) => destination.emit("data", options.transform(entry))).once("end", () => destination.emit("end"));
        destination.once("close", () => source.destroy());
        return destination;
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderStream;
  }
});

// node_modules/fast-glob/out/readers/sync.js
var require_sync5 = __commonJS({
  "node_modules/fast-glob/out/readers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var fsStat = require_out();
    var fsWalk = require_out3();
    var reader_1 = require_reader2();
    var ReaderSync = class extends reader_1.default {
      constructor() {
        super(...arguments);
        this._walkSync = fsWalk.walkSync;
        this._statSync = fsStat.statSync;
      }
      dynamic(root, options) {
        return this._walkSync(root, options);
      }
      static(patterns, options) {
        const entries = [];
        for (const pattern of patterns) {
          const filepath = this._getFullEntryPath(pattern);
          const entry = this._getEntry(filepath, pattern, options);
          if (entry === null || !options.entryFilter(entry)) {
            continue;
          }
          entries.push(entry);
        }
        return entries;
      }
      _getEntry(filepath, pattern, options) {
        try {
          const stats = this._getStat(filepath);
          return this._makeEntry(stats, pattern);
        } catch (error) {
          if (options.errorFilter(error)) {
            return null;
          }
          throw error;
        }
      }
      _getStat(filepath) {
        return this._statSync(filepath, this._fsStatSettings);
      }
    };
    exports.default = ReaderSync;
  }
});

// node_modules/fast-glob/out/providers/sync.js
var require_sync6 = __commonJS({
  "node_modules/fast-glob/out/providers/sync.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var sync_1 = require_sync5();
    var provider_1 = require_provider();
    var ProviderSync = class extends provider_1.default {
      constructor() {
        super(...arguments);
        this._reader = new sync_1.default(this._settings);
      }
      read(task) {
        const root = this._getRootDirectory(task);
        const options = this._getReaderOptions(task);
        const entries = this.api(root, task, options);
        return entries.map(options.transform);
      }
      api(root, task, options) {
        if (task.dynamic) {
          return this._reader.dynamic(root, options);
        }
        return this._reader.static(task.patterns, options);
      }
    };
    exports.default = ProviderSync;
  }
});

// node_modules/fast-glob/out/settings.js
var require_settings4 = __commonJS({
  "node_modules/fast-glob/out/settings.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.DEFAULT_FILE_SYSTEM_ADAPTER = void 0;
    var fs2 = __require("fs");
    var os = __require("os");
    var CPU_COUNT = Math.max(os.cpus().length, 1);
    exports.DEFAULT_FILE_SYSTEM_ADAPTER = {
      lstat: fs2.lstat,
      lstatSync: fs2.lstatSync,
      stat: fs2.stat,
      statSync: fs2.statSync,
      readdir: fs2.readdir,
      readdirSync: fs2.readdirSync
    };
    var Settings = class {
      constructor(_options = {}) {
        this._options = _options;
        this.absolute = this._getValue(this._options.absolute, false);
        this.baseNameMatch = this._getValue(this._options.baseNameMatch, false);
        this.braceExpansion = this._getValue(this._options.braceExpansion, true);
        this.caseSensitiveMatch = this._getValue(this._options.caseSensitiveMatch, true);
        this.concurrency = this._getValue(this._options.concurrency, CPU_COUNT);
        this.cwd = this._getValue(this._options.cwd, process.cwd());
        this.deep = this._getValue(this._options.deep, Infinity);
        this.dot = this._getValue(this._options.dot, false);
        this.extglob = this._getValue(this._options.extglob, true);
        this.followSymbolicLinks = this._getValue(this._options.followSymbolicLinks, true);
        this.fs = this._getFileSystemMethods(this._options.fs);
        this.globstar = this._getValue(this._options.globstar, true);
        this.ignore = this._getValue(this._options.ignore, []);
        this.markDirectories = this._getValue(this._options.markDirectories, false);
        this.objectMode = this._getValue(this._options.objectMode, false);
        this.onlyDirectories = this._getValue(this._options.onlyDirectories, false);
        this.onlyFiles = this._getValue(this._options.onlyFiles, true);
        this.stats = this._getValue(this._options.stats, false);
        this.suppressErrors = this._getValue(this._options.suppressErrors, false);
        this.throwErrorOnBrokenSymbolicLink = this._getValue(this._options.throwErrorOnBrokenSymbolicLink, false);
        this.unique = this._getValue(this._options.unique, true);
        if (this.onlyDirectories) {
          this.onlyFiles = false;
        }
        if (this.stats) {
          this.objectMode = true;
        }
        this.ignore = [].concat(this.ignore);
      }
      _getValue(option, value) {
        return option === void 0 ? value : option;
      }
      _getFileSystemMethods(methods = {}) {
        return Object.assign(Object.assign({}, exports.DEFAULT_FILE_SYSTEM_ADAPTER), methods);
      }
    };
    exports.default = Settings;
  }
});

// node_modules/fast-glob/out/index.js
var require_out4 = __commonJS({
  "node_modules/fast-glob/out/index.js"(exports, module) {
    "use strict";
    var taskManager = require_tasks();
    var async_1 = require_async6();
    var stream_1 = require_stream4();
    var sync_1 = require_sync6();
    var settings_1 = require_settings4();
    var utils = require_utils4();
    async function FastGlob(source, options) {
      assertPatternsInput(source);
      const works = getWorks(source, async_1.default, options);
      const result2 = await Promise.all(works);
      return utils.array.flatten(result2);
    }
    (function(FastGlob2) {
      FastGlob2.glob = FastGlob2;
      FastGlob2.globSync = sync;
      FastGlob2.globStream = stream;
      FastGlob2.async = FastGlob2;
      function sync(source, options) {
        assertPatternsInput(source);
        const works = getWorks(source, sync_1.default, options);
        return utils.array.flatten(works);
      }
      FastGlob2.sync = sync;
      function stream(source, options) {
        assertPatternsInput(source);
        const works = getWorks(source, stream_1.default, options);
        return utils.stream.merge(works);
      }
      FastGlob2.stream = stream;
      function generateTasks(source, options) {
        assertPatternsInput(source);
        const patterns = [].concat(source);
        const settings = new settings_1.default(options);
        return taskManager.generate(patterns, settings);
      }
      FastGlob2.generateTasks = generateTasks;
      function isDynamicPattern(source, options) {
        assertPatternsInput(source);
        const settings = new settings_1.default(options);
        return utils.pattern.isDynamicPattern(source, settings);
      }
      FastGlob2.isDynamicPattern = isDynamicPattern;
      function escapePath(source) {
        assertPatternsInput(source);
        return utils.path.escape(source);
      }
      FastGlob2.escapePath = escapePath;
      function convertPathToPattern(source) {
        assertPatternsInput(source);
        return utils.path.convertPathToPattern(source);
      }
      FastGlob2.convertPathToPattern = convertPathToPattern;
      let posix;
      (function(posix2) {
        function escapePath2(source) {
          assertPatternsInput(source);
          return utils.path.escapePosixPath(source);
        }
        posix2.escapePath = escapePath2;
        function convertPathToPattern2(source) {
          assertPatternsInput(source);
          return utils.path.convertPosixPathToPattern(source);
        }
        posix2.convertPathToPattern = convertPathToPattern2;
      })(posix = FastGlob2.posix || (FastGlob2.posix = {}));
      let win32;
      (function(win322) {
        function escapePath2(source) {
          assertPatternsInput(source);
          return utils.path.escapeWindowsPath(source);
        }
        win322.escapePath = escapePath2;
        function convertPathToPattern2(source) {
          assertPatternsInput(source);
          return utils.path.convertWindowsPathToPattern(source);
        }
        win322.convertPathToPattern = convertPathToPattern2;
      })(win32 = FastGlob2.win32 || (FastGlob2.win32 = {}));
    })(FastGlob || (FastGlob = {}));
    function getWorks(source, _Provider, options) {
      const patterns = [].concat(source);
      const settings = new settings_1.default(options);
      const tasks = taskManager.generate(patterns, settings);
      const provider = new _Provider(settings);
      return tasks.map(provider.read, provider);
    }
    function assertPatternsInput(input) {
      const source = [].concat(input);
      const isValidSource = source.every((item) => utils.string.isString(item) && !utils.string.isEmpty(item));
      if (!isValidSource) {
        throw new TypeError("Patterns must be a string (non empty) or an array of strings");
      }
    }
    module.exports = FastGlob;
  }
});

// src/cli/io.ts
function processIo() {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1);
var {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};
var ConfigError = class extends Error {
  constructor(file, problems) {
    super(`invalid config ${file}: ${problems.join("; ")}`);
    this.file = file;
    this.problems = problems;
  }
  file;
  problems;
  name = "ConfigError";
};

// src/cli/program.ts
init_redact();

// src/version.ts
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
function readToolInfo() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (; ; ) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
      if (manifest.name === "clientleak") {
        return {
          name: "clientleak",
          version: String(manifest.version),
          informationUri: typeof manifest.homepage === "string" ? manifest.homepage : "https://github.com/clientleak/clientleak"
        };
      }
    } catch {
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      return {
        name: "clientleak",
        version: "0.0.0",
        informationUri: "https://github.com/clientleak/clientleak"
      };
    dir = parent;
  }
}
var TOOL = readToolInfo();

// src/cli/commands/baseline.ts
import { writeFileSync as writeFileSync2 } from "node:fs";
import path14 from "node:path";

// src/findings/baseline.ts
import { existsSync, readFileSync as readFileSync2 } from "node:fs";
import path3 from "node:path";
init_compare();

// src/walk/path-match.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
import path2 from "node:path";
function toPosix(value) {
  return value.split(path2.sep).join("/");
}
function createPathMatcher(globs, bases) {
  if (globs.length === 0) return () => false;
  const isMatch = (0, import_picomatch.default)([...globs], { dot: true, basename: false });
  const baseNameGlobs = globs.filter((glob) => !glob.includes("/"));
  const isBaseNameMatch = baseNameGlobs.length > 0 ? (0, import_picomatch.default)(baseNameGlobs, { dot: true }) : () => false;
  const uniqueBases = [...new Set(bases)];
  return (absolutePath) => {
    if (isBaseNameMatch(path2.basename(absolutePath))) return true;
    for (const base of uniqueBases) {
      const relative = path2.relative(base, absolutePath);
      if (relative.startsWith("..") || path2.isAbsolute(relative)) continue;
      if (isMatch(toPosix(relative))) return true;
    }
    return false;
  };
}

// src/findings/drop-occurrences.ts
function keepOccurrences(findings, reason, keep) {
  let hidden = 0;
  const kept = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => keep(finding, occurrence));
    if (occurrences.length === 0) hidden++;
    else kept.push(occurrences.length === finding.occurrences.length ? finding : { ...finding, occurrences });
  }
  return { findings: kept, hidden: { [reason]: hidden } };
}

// src/findings/baseline.ts
init_redact();
var DEFAULT_BASELINE_FILE = ".clientleak-baseline.json";
var FORMAT = "clientleak-baseline";
var VERSION = 1;
var SHA256 = /^[0-9a-f]{64}$/;
function readBaseline(file) {
  if (!existsSync(file))
    throw new UsageError(`baseline ${file} does not exist (create it with: clientleak baseline create)`);
  let parsed;
  try {
    parsed = JSON.parse(readFileSync2(file, "utf8"));
  } catch (error) {
    throw new UsageError(`baseline ${file} is not valid JSON (${describeError(error)})`);
  }
  const document = parsed;
  if (document?.format !== FORMAT || document.version !== VERSION || !Array.isArray(document.entries)) {
    throw new UsageError(
      `baseline ${file} is not a clientleak baseline (expected {"format": "${FORMAT}", "version": ${VERSION}, "entries": [...]})`
    );
  }
  return document.entries.map((entry, index) => validEntry(entry, `${file}: entries[${index}]`));
}
function validEntry(value, where3) {
  const entry = value;
  if (typeof entry?.ruleId !== "string" || entry.ruleId === "")
    throw new UsageError(`${where3}.ruleId must be a rule id`);
  if (typeof entry.secretSha256 !== "string" || !SHA256.test(entry.secretSha256)) {
    throw new UsageError(`${where3}.secretSha256 must be a lower-case sha256 hex digest`);
  }
  if (entry.path !== void 0 && (typeof entry.path !== "string" || entry.path === ""))
    throw new UsageError(`${where3}.path must be a path`);
  return {
    ruleId: entry.ruleId,
    secretSha256: entry.secretSha256,
    ...entry.path === void 0 ? {} : { path: entry.path }
  };
}
function serializeBaseline(entries) {
  const lines = [...new Map(sortEntries(entries).map((entry) => [entryKey(entry), entry])).values()].map(
    (entry) => JSON.stringify({
      ruleId: entry.ruleId,
      secretSha256: entry.secretSha256,
      ...entry.path === void 0 ? {} : { path: entry.path }
    })
  );
  const body = lines.length ? `
    ${lines.join(",\n    ")}
  ` : "";
  return `{
  "format": "${FORMAT}",
  "version": ${VERSION},
  "entries": [${body}]
}
`;
}
function sortEntries(entries) {
  return [...entries].sort(
    (a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.secretSha256, b.secretSha256) || compareStrings(a.path ?? "", b.path ?? "")
  );
}
function entryKey(entry) {
  return [entry.ruleId, entry.secretSha256, entry.path ?? ""].join("\0");
}
function baselinePath(occurrence, places2) {
  const absolute = path3.resolve(places2.cwd, occurrence.location.path);
  return toPosix(path3.relative(path3.dirname(path3.resolve(places2.cwd, places2.baselineFile)), absolute));
}
function entriesFor(findings, places2, anyPath = false) {
  return findings.flatMap((finding) => {
    const base = { ruleId: finding.ruleId, secretSha256: finding.secretHash };
    if (anyPath) return [base];
    return [...new Set(finding.occurrences.map((occurrence) => baselinePath(occurrence, places2)))].map(
      (file) => ({ ...base, path: file })
    );
  });
}
function createMatcher(entries, places2) {
  const byKey = new Map(entries.map((entry) => [entryKey(entry), entry]));
  return (finding, occurrence) => {
    const anywhere = { ruleId: finding.ruleId, secretSha256: finding.secretHash };
    return byKey.get(entryKey(anywhere)) ?? byKey.get(entryKey({ ...anywhere, path: baselinePath(occurrence, places2) }));
  };
}
function createBaselineFilter(entries, places2) {
  const matches = createMatcher(entries, places2);
  return (findings) => keepOccurrences(findings, "baseline", (finding, occurrence) => !matches(finding, occurrence));
}
function updateBaseline(existing, findings, places2, anyPath = false) {
  const matches = createMatcher(existing, places2);
  const kept = /* @__PURE__ */ new Set();
  const uncovered = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => {
      const entry = matches(finding, occurrence);
      if (entry) kept.add(entry);
      return !entry;
    });
    if (occurrences.length > 0) uncovered.push({ ...finding, occurrences });
  }
  const added = entriesFor(uncovered, places2, anyPath);
  return { entries: [...kept, ...added], added: added.length, pruned: existing.length - kept.size };
}

// src/scan-workflow.ts
import path13 from "node:path";

// src/types.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var SEVERITY_RANK = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0
};
function atLeast(severity, threshold) {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

// src/cli/exit-codes.ts
var EXIT = {
  /** Nothing at or above --fail-on. */
  clean: 0,
  /** At least one finding at or above --fail-on. */
  findings: 1,
  /** Usage error, invalid config, unreadable root, internal error. */
  error: 2
};
function getExitCode(findings, failOn) {
  return findings.some((finding) => atLeast(finding.severity, failOn)) ? EXIT.findings : EXIT.clean;
}

// src/findings/diff-status.ts
function rangesInclude(ranges, line) {
  return ranges.some(([start, end]) => line >= start && line <= end);
}
function statusOf(occurrence, addedLines) {
  const ranges = addedLines.get(occurrence.location.path);
  if (!ranges) return "new";
  if (occurrence.location.virtualSource !== void 0) return ranges.length > 0 ? "new" : "existing";
  const { start, end } = occurrence.location;
  for (let line = start.line; line <= end.line; line++) if (rangesInclude(ranges, line)) return "new";
  return "existing";
}
function createDiffStatusStep(addedLines) {
  return (findings) => {
    const lines = addedLines();
    return {
      findings: findings.map((finding) => ({
        ...finding,
        occurrences: finding.occurrences.map((occurrence) => ({
          ...occurrence,
          status: statusOf(occurrence, lines)
        }))
      }))
    };
  };
}
function isNewFinding(finding) {
  return finding.occurrences.some((occurrence) => occurrence.status !== "existing");
}

// src/findings/suppress.ts
init_line_index();
var IGNORE_MARKER = "clientleak-ignore";
var ADJACENT_GAP = 80;
var NEXT_LINE_SUFFIX = "-next-line";
var OPENERS = ["<!--", "//", "/*", "#"];
var CLOSERS = { "/*": "*/", "<!--": "-->" };
var RULE_ID = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,99}$/;
function parseDirectives(text, lines = new LineIndex(text)) {
  const parsed = { directives: [], malformed: [] };
  for (let at = text.indexOf(IGNORE_MARKER); at !== -1; at = text.indexOf(IGNORE_MARKER, at + IGNORE_MARKER.length)) {
    const line = lines.position(at).line;
    const lineStart = lines.lineStart(line);
    const opener = commentOpenerBefore(text, lineStart, at);
    if (!opener) continue;
    const lineEnd = endOfLine(text, at);
    const closer = CLOSERS[opener.token];
    const closeAt = closer ? text.indexOf(closer, at) : -1;
    const bodyEnd = closeAt !== -1 && closeAt < lineEnd ? closeAt : lineEnd;
    const commentEnd = closeAt !== -1 && closeAt < lineEnd ? closeAt + closer.length : lineEnd;
    let body = text.slice(at + IGNORE_MARKER.length, bodyEnd);
    const kind = body.startsWith(NEXT_LINE_SUFFIX) ? "next-line" : "same-line";
    if (kind === "next-line") body = body.slice(NEXT_LINE_SUFFIX.length);
    if (body !== "" && !/^\s/.test(body)) continue;
    const separator = body.indexOf(" --");
    const ruleId = (separator === -1 ? body : body.slice(0, separator)).trim();
    const reason = separator === -1 ? "" : body.slice(separator + 3).trim();
    if (!RULE_ID.test(ruleId)) {
      parsed.malformed.push({
        line,
        problem: `${IGNORE_MARKER} needs a rule id: ${IGNORE_MARKER} <rule-id> -- <reason>`
      });
    } else if (reason === "") {
      parsed.malformed.push({
        line,
        problem: `${IGNORE_MARKER} ${ruleId} needs a reason after " -- "; it silences nothing without one`
      });
    } else {
      parsed.directives.push({ kind, ruleId, reason, line, commentStart: opener.start, commentEnd });
    }
  }
  return parsed;
}
function commentOpenerBefore(text, lineStart, markerAt) {
  let cursor = markerAt;
  while (cursor > lineStart && /[ \t!*]/.test(text[cursor - 1])) cursor--;
  for (const token of OPENERS) {
    const start = cursor - token.length;
    if (start >= lineStart && text.startsWith(token, start)) return { token, start };
  }
  const slash = text.lastIndexOf("/*", markerAt);
  if (slash >= lineStart && /^\/\*[ \t!*]*$/.test(text.slice(slash, markerAt)))
    return { token: "/*", start: slash };
  return void 0;
}
function endOfLine(text, from) {
  const newline = text.indexOf("\n", from);
  const end = newline === -1 ? text.length : newline;
  return text[end - 1] === "\r" ? end - 1 : end;
}
function createInlineSuppressions(knownRuleIds) {
  const files = /* @__PURE__ */ new Map();
  const diagnostics = [];
  const unused = [];
  const observe = (path18, text) => {
    if (!text.includes(IGNORE_MARKER)) return;
    const lines = new LineIndex(text);
    const { directives, malformed } = parseDirectives(text, lines);
    for (const { line, problem } of malformed)
      diagnostics.push({ code: "missing-ignore-reason", path: `${path18}:${line}`, message: problem });
    const known2 = directives.filter((directive) => {
      if (knownRuleIds.has(directive.ruleId)) return true;
      diagnostics.push({
        code: "unknown-rule-in-ignore",
        path: `${path18}:${directive.line}`,
        message: `${IGNORE_MARKER} names unknown rule "${directive.ruleId}" (see clientleak rules)`
      });
      return false;
    });
    if (known2.length > 0) files.set(path18, { text, lines, directives: known2 });
  };
  const step = (findings) => {
    const silenced = /* @__PURE__ */ new Set();
    for (const [path18, file] of files) {
      const spans = spansIn(path18, file, findings);
      for (const directive of file.directives) {
        const targets = directive.kind === "same-line" ? adjacentSpans(directive, spans, file.text) : nextLineSpans(directive, spans);
        for (const span of targets) silenced.add(span.occurrence);
        if (targets.length === 0) {
          unused.push({
            code: "unused-ignore",
            path: `${path18}:${directive.line}`,
            message: `${IGNORE_MARKER} ${directive.ruleId} silences nothing (remove it)`
          });
        }
      }
    }
    return keepOccurrences(findings, "inline ignore", (_finding, occurrence) => !silenced.has(occurrence));
  };
  return { observe, step, diagnostics: () => [...diagnostics, ...unused] };
}
function spansIn(path18, file, findings) {
  const spans = [];
  const add = (location, occurrence, finding) => {
    if (!location || location.path !== path18 || location.virtualSource !== void 0) return;
    const start = file.lines.lineStart(location.start.line) + location.start.column - 1;
    const end = file.lines.lineStart(location.end.line) + location.end.column - 1;
    spans.push({ start, end, startLine: location.start.line, occurrence, finding });
  };
  for (const finding of findings) {
    for (const occurrence of finding.occurrences) {
      add(occurrence.location, occurrence, finding);
      add(occurrence.original, occurrence, finding);
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
function gapBetween(span, directive) {
  if (span.end <= directive.commentStart) return { from: span.end, to: directive.commentStart, before: true };
  if (span.start >= directive.commentEnd)
    return { from: directive.commentEnd, to: span.start, before: false };
  return { from: span.start, to: span.start, before: true };
}
function adjacentSpans(directive, spans, text) {
  let best;
  for (const span of spans) {
    if (span.finding.ruleId !== directive.ruleId) continue;
    const gap = gapBetween(span, directive);
    const size = gap.to - gap.from;
    if (size > ADJACENT_GAP || text.slice(gap.from, gap.to).includes("\n")) continue;
    if (spans.some((other) => other.start >= gap.from && other.end <= gap.to)) continue;
    const better = !best || size < best.size || size === best.size && gap.before && !best.before;
    if (better) best = { spans: [span], size, before: gap.before };
    else if (best && size === best.size && gap.before === best.before && sameSpot(best.spans[0], span))
      best.spans.push(span);
  }
  return best?.spans ?? [];
}
function nextLineSpans(directive, spans) {
  const onNextLine = spans.filter(
    (span) => span.finding.ruleId === directive.ruleId && span.startLine === directive.line + 1
  );
  const first = onNextLine[0];
  return first ? onNextLine.filter((span) => sameSpot(span, first)) : [];
}
function sameSpot(a, b) {
  return a.start === b.start && a.end === b.end && a.finding === b.finding;
}

// src/scan.ts
import { existsSync as existsSync3 } from "node:fs";
import path11 from "node:path";
import { performance as performance3 } from "node:perf_hooks";

// rules/cloud.ts
init_rule_kit();

// rules/support.ts
var ELISION2 = /\.\.\.|…|<|>|\{\{|\$\{/;
function hasMedblocksContext(ctx, radius = 512) {
  const near = `${ctx.keyPath ?? ""}
${ctx.around(radius)}`;
  if (/medblocks/i.test(near)) return true;
  return /constructEvent/.test(near) && !/stripe/i.test(near);
}
function looksLikeCode(value) {
  if (/^[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}$/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]{0,128}$/.test(value) && !/[0-9]/.test(value)) return true;
  return false;
}
function parseQuery(query) {
  const params = /* @__PURE__ */ new Map();
  for (const part of query.replaceAll("&amp;", "&").split("&")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return params;
}
function enclosingObject(ctx, limit = 16384) {
  const { text, index, end } = ctx;
  let start = -1;
  for (let i = index - 1, depth = 0; i >= Math.max(0, index - limit); i--) {
    const c = text[i];
    if (c === "}") depth++;
    else if (c === "{") {
      if (depth === 0) {
        start = i;
        break;
      }
      depth--;
    }
  }
  let stop = -1;
  for (let i = end, depth = 0; i < Math.min(text.length, end + limit); i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) {
        stop = i;
        break;
      }
      depth--;
    }
  }
  if (start < 0 || stop < 0) return ctx.around(2048);
  return text.slice(start, stop + 1);
}

// rules/cloud.ts
var AWS_KEY_ID = /(?<![A-Za-z0-9/+])(?<prefix>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9/+=])/g;
var GOOG_ACCESS_ID = /(?<![A-Za-z0-9])GOOG[0-9A-Z]{20,57}(?![A-Za-z0-9])/;
function looksLikeBase64Secret(value) {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9+/]/.test(value);
}
function awsKeyIdsNear(ctx, radius) {
  return [...ctx.around(radius).matchAll(AWS_KEY_ID)].map((m) => m.groups?.prefix ?? "");
}
var STORAGE_REMEDIATION_AWS = "Deactivate and delete the access key in IAM, check CloudTrail for its use, and give the browser short-lived presigned URLs from your backend instead of credentials.";
var awsAccessKeyId = defineRule({
  id: "aws/access-key-id",
  title: "AWS access key id",
  description: "An AWS credential key id (AKIA long-term, ASIA temporary, ABIA/ACCA service credentials). Alone it cannot sign requests, but it names a live credential and its secret is rarely far away.",
  severity: "medium",
  confidence: "exact",
  keywords: ["akia", "asia", "abia", "acca"],
  remediation: STORAGE_REMEDIATION_AWS,
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html"],
  pattern: /(?<![A-Za-z0-9/+])(?<secret>(?<prefix>AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9/+=])/,
  window: { before: 16, after: 64 },
  validate: (ctx) => ctx.groups.prefix === "ASIA" ? {
    message: "Temporary (STS) access key id: usable together with its secret and session token until it expires."
  } : true,
  examples: {
    positive: [
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy"}});',
        secret: "AKIA5ZLQLUKLFOSPVPH5"
      },
      {
        text: "VITE_AWS_ACCESS_KEY_ID=AKIAARSOMXO6IJXPBBRW\n",
        secret: "AKIAARSOMXO6IJXPBBRW",
        path: ".env"
      },
      {
        text: '{"Credentials":{"AccessKeyId":"ASIAX7UMHP64EBF42O5Z","SecretAccessKey":"Lpkv/BNMuk74iQQWqkL5cr/16xD6XcPWbgAy7F6n","SessionToken":"Kmp18zg0Oqf9rPDapcUlrG9vclxhnGuXkI0VvDSWhZYiBow34f6tzYlwovTK5WnusVuQeX70obFExOkNF0mHZgaJTlds07r6xFXv8RvvnSpTfzCzD6tChsFn/3m6Dr0vdCRnHIlOf6oq4oX8rprayPuPY0VYjJw2mqTkWYULoBEihil5gke0K=","Expiration":"2025-05-01T12:00:00Z"}}',
        secret: "ASIAX7UMHP64EBF42O5Z",
        path: "public/sts.json"
      },
      {
        text: 'e.headers["x-amz-bearer"]="ABIA6CQLUXSU5S57EU3R";',
        secret: "ABIA6CQLUXSU5S57EU3R"
      }
    ],
    negative: [
      {
        text: 'accessKeyId: "AKIAIOSFODNN7EXAMPLE"',
        why: "the AWS documentation sample key id"
      },
      {
        text: '{"UserId":"AIDAIZLYV4B6RCKFTAY6","Arn":"arn:aws:iam::123456789012:user/ci"}',
        why: "AIDA is an IAM user id, not a credential"
      },
      {
        text: '{"RoleId":"AROAMMXIY47OCH7Q7QAW","RoleName":"export-writer"}',
        why: "AROA is an IAM role id, not a credential"
      },
      {
        text: 'new Intl.DateTimeFormat("en-IN",{timeZone:"Asia/Kolkata"})',
        why: "the word Asia is not an ASIA key id"
      },
      {
        text: "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX",
        why: "filler placeholder"
      },
      {
        text: "const AWS_KEY_ID = /(AKIA|ASIA)[A-Z2-7]{16}/;",
        why: "a regular expression describing the shape"
      },
      {
        text: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAKIA5ZLQLUKLFOSPVPH5AAAABCAYAAAAfFcSJ",
        why: "inside a longer base64 run, not a standalone id"
      }
    ]
  }
});
function awsSecretVerdict(ctx) {
  if (!looksLikeBase64Secret(ctx.secret)) return false;
  const ids = awsKeyIdsNear(ctx, 256);
  if (ctx.groups.name === void 0 && ids.length === 0) return false;
  if (ids.length === 0 && GOOG_ACCESS_ID.test(ctx.around(256))) return false;
  if (ids.includes("ASIA") && !ids.includes("AKIA")) {
    return {
      severity: "high",
      message: "AWS secret access key of temporary (ASIA) credentials: usable with the session token until it expires."
    };
  }
  return true;
}
var awsSecretAccessKey = defineRule({
  id: "aws/secret-access-key",
  title: "AWS secret access key",
  description: "The secret half of an AWS access key signs any request the IAM identity may make: in a browser it exposes every S3 bucket (for example a Medblocks NDJSON export destination) the identity can reach.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["secretaccesskey", "secret_access_key", "aws_secret_key", "awssecretkey", "akia", "asia"],
  remediation: STORAGE_REMEDIATION_AWS,
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"],
  // Either under a secret-key name, or a quoted 40-character value that validate pairs with a key id.
  pattern: /(?:(?<name>(?:aws_?)?secret_?access_?key|aws_?secret_?key)(?:\\{0,3}["'`])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}["'`])?|\\{0,3}["'`])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
  window: { before: 256, after: 256 },
  validate: awsSecretVerdict,
  examples: {
    positive: [
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy"}});',
        secret: "OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy"
      },
      {
        text: "AWS_ACCESS_KEY_ID=AKIAARSOMXO6IJXPBBRW\nAWS_SECRET_ACCESS_KEY=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\n",
        secret: "xNaKDiJowK4j1wA2qQ4rlXFQ5o/7y9XsYjo+3X9y",
        path: ".env.production"
      },
      {
        text: "[default]\naws_access_key_id = AKIA5ZLQLUKLFOSPVPH5\naws_secret_access_key = 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\n",
        secret: "Lpkv/BNMuk74iQQWqkL5cr/16xD6XcPWbgAy7F6n",
        path: "public/aws-credentials.txt"
      },
      {
        text: 'AWS.config.credentials=new AWS.Credentials("AKIAARSOMXO6IJXPBBRW","CkK76rGHTlgtqJiDWhBXgqHT/US/AglMNAsqZfz0");',
        secret: "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"
      }
    ],
    negative: [
      {
        text: 'secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        why: "the AWS documentation sample secret"
      },
      {
        text: "credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }",
        why: "env lookups without values"
      },
      {
        text: 'secretAccessKey: "<your-secret-access-key>"',
        why: "template placeholder"
      },
      {
        text: '{"accessKeyId":"AKIA5ZLQLUKLFOSPVPH5","commit":"98ce54eadfabe50018c5ffd08cb97493887c3040"}',
        why: "a lowercase hex commit id near a key id is not a secret"
      },
      {
        text: 'new S3Client({endpoint:"https://storage.googleapis.com",credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:"Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb"}})',
        why: "a GCS HMAC secret (GOOG access id): gcp/hmac-secret reports it"
      },
      {
        text: "AWS_SECRET_ACCESS_KEY=\n",
        why: "empty value",
        path: ".env"
      }
    ]
  }
});
var TYPE_SERVICE_ACCOUNT = /(?:\\{0,3}["'])?type(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["']service_account\\{0,3}["']/;
var PRIVATE_KEY_MEMBER = /(?:\\{0,3}["'])?private_key(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["']-----BEGIN/;
var gcpServiceAccount = defineRule({
  id: "gcp/service-account",
  title: "Google Cloud service-account key",
  description: "A service-account key file (type service_account with its private_key) authenticates as that service account from anywhere: in a browser it exposes every Cloud Storage bucket and API the account may use.",
  severity: "critical",
  confidence: "exact",
  keywords: ["private_key_id"],
  remediation: "Delete the key in IAM \u2192 Service accounts \u2192 Keys, review its audit logs, and keep service-account credentials on the server (or use workload identity instead of key files).",
  references: ["https://cloud.google.com/iam/docs/keys-create-delete"],
  // The key is reported by its private_key_id; private-key/pem also reports the PEM body itself.
  pattern: /(?:\\{0,3}["'])?private_key_id(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<secret>[0-9a-f]{40})\\{0,3}["']/,
  window: { before: 16, after: 256 },
  validate: (ctx) => {
    const object = enclosingObject(ctx);
    return TYPE_SERVICE_ACCOUNT.test(object) && PRIVATE_KEY_MEMBER.test(object);
  },
  examples: {
    positive: [
      {
        text: '{\n  "type": "service_account",\n  "project_id": "clinic-portal-prod",\n  "private_key_id": "6302fd41bfed0b9b0026868b760ba2d4c8dadf2d",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nj/XhRYrlU/Jz7oYGCQLhFwPCyMKWCdyR+SI0ip3mcaGaDB10PcTCWDewCD4zJdUv\\nU/f6JWLZitqOAwK7iEoCAD1+CvCdECGyhWAQqlNg8YTFHkSQY6sQR2WP3c/a21Zq\\nWCQlJ+pBZ5QEqxlsycPjQfi8rbLPqQbnsQYF0HCTy9ZmQEqCzG5+0P1ZP0D/amUJ\\nlqT2Ye7I6YvEB5NxpwEI3VMa6JaF/+yyTun0WsbDAZSaSL/Y1IWpu9UFK4kqMOEx\\n5+l4G3+M/Ze3gEMZKYcOikBLI2Hmz37tA6p3TN6aQed0J5QhavYZzr7yEM0l95qP\\nPN58xcrdxkHhGlfgrpWBjuwDOknUw/7sLTJaSkPBjfpPOTkqNDVIVXBHBGuvRALE\\nlatm1c2VQ3stw5eYuxss4ZksiYfwk8CvprNCDEMMrhuRHXloNIlabW48E9Aoklva\\n6PhwfddobKNIBVrLEwYN9WVZfgySeRWw9Lp+N4P2UN3/5Om0jmKkQsymPsaJ0Hmt\\ncLGXhN+fSwhUD+doGExCVcGwAc0yM+Sa7hZDgZGeivks05kjP4gRpyujK0TauRtY\\nLcurKYlLP0AeHO8gVth5aATN7mPmgTECtHyuXQD0VUP6FceZbJJml7zK7TfXJlsS\\nW60QF38DkZcQ1Wlj5Ml5Myp0UW4GTnoVozZnZ7xpWuhvQ3nTl5bAwccnfqFiyZX8\\nGX33oH8/Ww2LVYI/TiLNXJEWPhKzXWtkt+oz7/kxzePZE/a/i03puBexVYl5kOKm\\n8gHQiUvitlvQJQI+TsKUJWDZLVvEwqWi4UIXxnMqtK7fLV5AkuDf3uY/oOKwP1j9\\niaD0uCBWfHBap4keK7k7C9nQdaBgXv3JmcdtIO2qmeT8NNwAUCHOp3nkmB81qI5+\\nctAryXtyGG6QszBhS2abKptV4qZMrBxvaPoRI7xiIxhlt1yKPIZJgX0Lti/nDKFM\\nOGwWJJRAbgFKa/vE48WjMQwYot0w/QAGezGEOrFR6e+R656gIPvJhrQnepPlQtlG\\nGsD6yt2sbB+hwAyL33FUyC1DyPYHvOEPRjyv2jF3guuTxPckLWsU4wEK5u3OnBG7\\n0SoW3uirFCtRmciF1G0yuDHrg9ckPnp2GnDr3uAdRFitn16wwt1OfBRfMon5qIxV\\nrgxPSa/NUiOor/GiIYRv5+5VxtmDUZRga+ELIcXyxxBNsjtZZbITqyygQxVRPb6L\\n+uBeMQAPauMZlgyKIAuX0Ej7quh5DvTGOE3HPQZUlh+5wS8TnHei598jsYyVNfFU\\nkVQDLf/jcsMOQe+wc6Ro8LEFrPlJTPGuG86/jF+Lo0sXwh1gBPcDzToLMDb789f+\\nqxIPto4Y7/CjMe1TaA9O5TxDsUKSxmw++qAyV97f99AHG5ryc41s8Y9B/ggj9oOo\\nd3qJ1doimbvKQ3g8qkksmKV8ulrASCARiEkfu6GCo1Sxr1Ww661LEID2v9Ufsk96\\nsKKiLIXSHZTsqvx5etU39Dg7MEk/6gkQDx5/v26pOcwi9mGSdRCSZ52k0idgz/Dv\\nbCMjqw83x6xPP7JSMl8Pz+UnXQ+5TecOOhpQt1FK3DYz0CdQUZ+=\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "fhir-export@clinic-portal-prod.iam.gserviceaccount.com",\n  "client_id": "104729386512047836152",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth",\n  "token_uri": "https://oauth2.googleapis.com/token",\n  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",\n  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/fhir-export%40clinic-portal-prod.iam.gserviceaccount.com",\n  "universe_domain": "googleapis.com"\n}',
        secret: "6302fd41bfed0b9b0026868b760ba2d4c8dadf2d",
        path: "src/config/service-account.json"
      },
      {
        text: 'const storage=new Storage({credentials:{type:"service_account",project_id:"clinic-portal-prod",private_key_id:"182961daf5eb61958d6fa333e99477796e5097ea",private_key:"-----BEGIN PRIVATE KEY-----\\nAQxTrzMNUyTYtlrXczq1DUmpfJMzqflQrsPNQWeLvN32Ys89xL14vmLahilgYl5u\\nwCI+u0V6WjydUM66MgM99ajTMXBraOpX4m5ffmd7vmxuMNpRwlYxnM0QvVAikbmh\\noK99ivRY+TDJMMzxAcS221NSfrspTL6YvbAQZYSOU1Wi+PhBC9uck+f96rMV4bqT\\nJZrTUETY0NvKtqmjQc09s6COPHEveWyZ8SgMl6nJ4QX9i/JxXokcbeTU4Qg8WhOY\\nl+N3O7CVeZGPIzzFuE/ObNt55GOcD/pPD58aXVVoIYFBl5AjVJj7YPKnG6ljxcJq\\nQTcFnui2L4ykDVr+N3WhCCJWn2Xaz+ZGR4CY5//k86QN/aP/I7pk+potDqrWRTDQ\\nI90QKYNQPrCEIv5P44FyrLS8v9ryu9Ld1TKg/LTraZKDLk2USv+WxLwYUtJJD498\\ntHh1nlI5QWJ/Z7kzO+OijWURp3KdAFOLr1tS5Kdwf9KuSzbIJYSYC2IGFMm3wgBt\\nRjR8YC4i36bB6GpBFa4eYCuWNvl8q0zMMG7OyY9d3KdBi1qRwwmqVs8nGnWQccGp\\nmiN8wf8efz25Ow22e11eOHe6WBGviCOAQwf3flmZ7eGQBaHbDKH1TJ+fdbkyIwaW\\nHU8zPQseOdZSy9kQVzcOa1CiwFZei0WR3TBWs23j+5JApQxSwrbEoWhVQ6kBffYd\\n5cgc4CWUpg7B99tJyi0kYzyVLrJ/S/bM8IPgU1lyw/xGaIL3m11qJR3rFrq16miN\\nIm2p0fP5UWOXuLrI3bnb2fd9ZJ7HW9AHAnhhcIfRJCdBl58G3JrAKoPV1xMvJKRA\\nUgD0yQ2ul+lutzbL5KfvXh2dCM9x3qxPDPPQ9lLenkXcynohRnA9Bftvy1jM7Uif\\nP+Kb3m4gABodriYHChVJDj6bC5JPVR4I2BaxWCsFPeL43m4uXdZK2ra9d4Q5H5XZ\\n0t76j3yU8Q6aKfOznURFCKN0ZnwaoqwTAAov7/DkaiQgTaPdROD0+aBh2qidB5TP\\nXVELLSXO9TEh+ZLp1zOUIQ6l/hit0smy3eGpsnhZrr3veEES1djvQRP0Ud5tLeWJ\\nXw6Yyw7TVeau/TBriuSwYXSaZEVZm44nqxWCh8sUWB8VpIE+5qyhOY8U3BCgYJ5V\\ngZPV1HH8pPKqapu5JogpimYp7lFb1ai7XXHo/VR2TFeAMxalOCvnBCCQFgOUA2Xw\\nOXolnAwpPp+27DR4FXRCSuK1P/BCmEE81DitFdCmX9Fia6agQkp21tcTbddOXUeN\\nrDYL0vpzpvNzs1Pxz1U3wqNuHVkEestmswp/bTM52GWXFISiNB6B8Ic+yv9HonB7\\n5J8VKnZe6816uSgUPIp85KRtOJJGIrWB5y8v541R0ZpvsgbGave2ik818gyKYZJJ\\nl6+klUuzihuCouYeAzpsZ6GX5qBFrFzRuyYNDqRyVO3HpRdCIqqYykKxl5ZE7M5E\\nYsLSDXPGST+85RaGVxrOe1CI/bnDpKiLHgjbpRnUdxWSN4rfGF96akbgRu9XrEgV\\nMMkyKqE9mAfhVFpeHASzGXVsAVtw5d5NbYqyaarDAFunC6TrLd1oy5==\\n-----END PRIVATE KEY-----\\n",client_email:"fhir-export@clinic-portal-prod.iam.gserviceaccount.com",client_id:"104729386512047836152",auth_uri:"https://accounts.google.com/o/oauth2/auth",token_uri:"https://oauth2.googleapis.com/token",auth_provider_x509_cert_url:"https://www.googleapis.com/oauth2/v1/certs",client_x509_cert_url:"https://www.googleapis.com/robot/v1/metadata/x509/fhir-export%40clinic-portal-prod.iam.gserviceaccount.com",universe_domain:"googleapis.com"}});',
        secret: "182961daf5eb61958d6fa333e99477796e5097ea",
        path: "dist/assets/upload-3be1.js"
      },
      {
        text: 'window.__ENV__={GCS_CREDENTIALS:"{\\"type\\":\\"service_account\\",\\"project_id\\":\\"clinic-portal-prod\\",\\"private_key_id\\":\\"98ce54eadfabe50018c5ffd08cb97493887c3040\\",\\"private_key\\":\\"-----BEGIN PRIVATE KEY-----\\\\nj/XhRYrlU/Jz7oYGCQLhFwPCyMKWCdyR+SI0ip3mcaGaDB10PcTCWDewCD4zJdUv\\\\nU/f6JWLZitqOAwK7iEoCAD1+CvCdECGyhWAQqlNg8YTFHkSQY6sQR2WP3c/a21Zq\\\\nWCQlJ+pBZ5QEqxlsycPjQfi8rbLPqQbnsQYF0HCTy9ZmQEqCzG5+0P1ZP0D/amUJ\\\\nlqT2Ye7I6YvEB5NxpwEI3VMa6JaF/+yyTun0WsbDAZSaSL/Y1IWpu9UFK4kqMOEx\\\\n5+l4G3+M/Ze3gEMZKYcOikBLI2Hmz37tA6p3TN6aQed0J5QhavYZzr7yEM0l95qP\\\\nPN58xcrdxkHhGlfgrpWBjuwDOknUw/7sLTJaSkPBjfpPOTkqNDVIVXBHBGuvRALE\\\\nlatm1c2VQ3stw5eYuxss4ZksiYfwk8CvprNCDEMMrhuRHXloNIlabW48E9Aoklva\\\\n6PhwfddobKNIBVrLEwYN9WVZfgySeRWw9Lp+N4P2UN3/5Om0jmKkQsymPsaJ0Hmt\\\\ncLGXhN+fSwhUD+doGExCVcGwAc0yM+Sa7hZDgZGeivks05kjP4gRpyujK0TauRtY\\\\nLcurKYlLP0AeHO8gVth5aATN7mPmgTECtHyuXQD0VUP6FceZbJJml7zK7TfXJlsS\\\\nW60QF38DkZcQ1Wlj5Ml5Myp0UW4GTnoVozZnZ7xpWuhvQ3nTl5bAwccnfqFiyZX8\\\\nGX33oH8/Ww2LVYI/TiLNXJEWPhKzXWtkt+oz7/kxzePZE/a/i03puBexVYl5kOKm\\\\n8gHQiUvitlvQJQI+TsKUJWDZLVvEwqWi4UIXxnMqtK7fLV5AkuDf3uY/oOKwP1j9\\\\niaD0uCBWfHBap4keK7k7C9nQdaBgXv3JmcdtIO2qmeT8NNwAUCHOp3nkmB81qI5+\\\\nctAryXtyGG6QszBhS2abKptV4qZMrBxvaPoRI7xiIxhlt1yKPIZJgX0Lti/nDKFM\\\\nOGwWJJRAbgFKa/vE48WjMQwYot0w/QAGezGEOrFR6e+R656gIPvJhrQnepPlQtlG\\\\nGsD6yt2sbB+hwAyL33FUyC1DyPYHvOEPRjyv2jF3guuTxPckLWsU4wEK5u3OnBG7\\\\n0SoW3uirFCtRmciF1G0yuDHrg9ckPnp2GnDr3uAdRFitn16wwt1OfBRfMon5qIxV\\\\nrgxPSa/NUiOor/GiIYRv5+5VxtmDUZRga+ELIcXyxxBNsjtZZbITqyygQxVRPb6L\\\\n+uBeMQAPauMZlgyKIAuX0Ej7quh5DvTGOE3HPQZUlh+5wS8TnHei598jsYyVNfFU\\\\nkVQDLf/jcsMOQe+wc6Ro8LEFrPlJTPGuG86/jF+Lo0sXwh1gBPcDzToLMDb789f+\\\\nqxIPto4Y7/CjMe1TaA9O5TxDsUKSxmw++qAyV97f99AHG5ryc41s8Y9B/ggj9oOo\\\\nd3qJ1doimbvKQ3g8qkksmKV8ulrASCARiEkfu6GCo1Sxr1Ww661LEID2v9Ufsk96\\\\nsKKiLIXSHZTsqvx5etU39Dg7MEk/6gkQDx5/v26pOcwi9mGSdRCSZ52k0idgz/Dv\\\\nbCMjqw83x6xPP7JSMl8Pz+UnXQ+5TecOOhpQt1FK3DYz0CdQUZ+=\\\\n-----END PRIVATE KEY-----\\\\n\\",\\"client_email\\":\\"fhir-export@clinic-portal-prod.iam.gserviceaccount.com\\",\\"client_id\\":\\"104729386512047836152\\",\\"auth_uri\\":\\"https://accounts.google.com/o/oauth2/auth\\",\\"token_uri\\":\\"https://oauth2.googleapis.com/token\\",\\"auth_provider_x509_cert_url\\":\\"https://www.googleapis.com/oauth2/v1/certs\\",\\"client_x509_cert_url\\":\\"https://www.googleapis.com/robot/v1/metadata/x509/fhir-export%40clinic-portal-prod.iam.gserviceaccount.com\\",\\"universe_domain\\":\\"googleapis.com\\"}"};',
        secret: "98ce54eadfabe50018c5ffd08cb97493887c3040",
        path: "public/env.js"
      }
    ],
    negative: [
      {
        text: '{\n  "type": "service_account",\n  "project_id": "my-project",\n  "private_key_id": "...",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"\n}',
        why: "documentation template"
      },
      {
        text: "GOOGLE_APPLICATION_CREDENTIALS=./secrets/service-account.json\n",
        why: "a path to the key file, not the key",
        path: ".env"
      },
      {
        text: '{"type":"authorized_user","client_id":"764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com","private_key_id":"6302fd41bfed0b9b0026868b760ba2d4c8dadf2d"}',
        why: "not a service-account key (no private_key member)"
      },
      {
        text: '{"name":"projects/clinic-portal-prod/serviceAccounts/fhir-export@clinic-portal-prod.iam.gserviceaccount.com/keys/182961daf5eb61958d6fa333e99477796e5097ea","keyType":"USER_MANAGED"}',
        why: "key metadata from the IAM API carries the id, not the key"
      }
    ],
    knownMisses: [
      {
        text: '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n\u2026\\n-----END PRIVATE KEY-----\\n","client_email":"x@p.iam.gserviceaccount.com"}',
        why: "a key file stripped of private_key_id is reported only by private-key/pem, not as a service account"
      }
    ]
  }
});
var gcpApiKey = defineRule({
  id: "gcp/api-key",
  title: "Google API key",
  description: "AIza\u2026 keys are usually public by design (Firebase web config, Maps JavaScript API) and cannot read private Cloud Storage; listed so they can be reviewed for HTTP-referrer and API restrictions.",
  severity: "info",
  confidence: "exact",
  keywords: ["aiza"],
  remediation: "Make sure the key is restricted (HTTP referrers and the specific APIs it needs) in Google Cloud console \u2192 APIs & Services \u2192 Credentials; if it is meant for a server-side API, rotate it and move it there.",
  references: ["https://cloud.google.com/docs/authentication/api-keys"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 64 },
  examples: {
    positive: [
      {
        text: 'const firebaseConfig={apiKey:"AIzaijk900KcppoJHP7o4ueXPZkGLOeJrk9ywKL",authDomain:"clinic-portal-prod.firebaseapp.com",projectId:"clinic-portal-prod"};',
        secret: "AIzaijk900KcppoJHP7o4ueXPZkGLOeJrk9ywKL"
      },
      {
        text: '<script src="https://maps.googleapis.com/maps/api/js?key=AIzafNIZbUnMGafU_VeIuE7EEI2Eu0_4IUl0AZA&libraries=places"></script>',
        secret: "AIzafNIZbUnMGafU_VeIuE7EEI2Eu0_4IUl0AZA",
        path: "public/index.html"
      },
      {
        text: "NEXT_PUBLIC_FIREBASE_API_KEY=AIzaPKIEDmaXAnTiLbbCPsS46_foqp1ytw7UZNF\n",
        secret: "AIzaPKIEDmaXAnTiLbbCPsS46_foqp1ytw7UZNF",
        path: ".env.local"
      }
    ],
    negative: [
      {
        text: 'apiKey: "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
        why: "filler placeholder"
      },
      {
        text: 'apiKey: "AIzaSy..."',
        why: "elided documentation sample"
      },
      {
        text: "const GOOGLE_KEY = /AIza[0-9A-Za-z_-]{35}/;",
        why: "a regular expression describing the shape"
      },
      {
        text: 'apiKey: "AIzaSyB-short-key"',
        why: "too short to be an API key"
      }
    ]
  }
});
var gcpHmacSecret = defineRule({
  id: "gcp/hmac-secret",
  title: "Google Cloud Storage HMAC secret",
  description: "The secret of a Cloud Storage HMAC key (S3-interoperable XML API), found next to its GOOG\u2026 access id: with it anyone can read and write the buckets its service account can reach.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["goog"],
  remediation: "Deactivate and delete the HMAC key in Cloud Storage \u2192 Settings \u2192 Interoperability, and give the browser signed URLs from your backend instead of credentials.",
  references: ["https://cloud.google.com/storage/docs/authentication/hmackeys"],
  // A quoted or assigned 40-character base64 value; validate requires a GOOG access id next to it.
  pattern: /(?:\\{0,3}["'`]|[:=][ \t]{0,4})(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
  window: { before: 400, after: 400 },
  validate: (ctx) => looksLikeBase64Secret(ctx.secret) && GOOG_ACCESS_ID.test(ctx.around(300)),
  examples: {
    positive: [
      {
        text: 'new S3Client({endpoint:"https://storage.googleapis.com",credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:"Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb"}})',
        secret: "Uf+56ghxVejcEt7k28QpsXwLUAmhj0wTy+SrVPOb"
      },
      {
        text: "GCS_HMAC_ACCESS_ID=GOOG1EU6P7S7J6VFMG42NHV3SAUP6Y5644WNZDZM7RKAZC5FC7CY2HVZ5B3I4\nGCS_HMAC_SECRET=FMQrYmSgdXkCizMR+vMj6XSNeUK4CtAlac9h0iYg\n",
        secret: "FMQrYmSgdXkCizMR+vMj6XSNeUK4CtAlac9h0iYg",
        path: ".env"
      },
      {
        text: '{"hmac":{"accessId":"GOOG1E33MBEPHO5RMOLQOUSD272B7KQKGGAKVOGLGEITUZBU2WYLRWQ3HMUGN","secret":"kAzqLWZFmN+q38AG+PmWR2zOG7qxtVJ8faPij+6U"},"bucket":"clinic-exports"}',
        secret: "kAzqLWZFmN+q38AG+PmWR2zOG7qxtVJ8faPij+6U",
        path: "public/storage.json"
      }
    ],
    negative: [
      {
        text: 'const accessId="GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN";',
        why: "the access id alone is not the secret"
      },
      {
        text: '{"accessId":"GOOG1EU6P7S7J6VFMG42NHV3SAUP6Y5644WNZDZM7RKAZC5FC7CY2HVZ5B3I4","secret":"<hmac-secret>"}',
        why: "template placeholder"
      },
      {
        text: '{"accessId":"GOOG1E33MBEPHO5RMOLQOUSD272B7KQKGGAKVOGLGEITUZBU2WYLRWQ3HMUGN","etag":"6302fd41bfed0b9b0026868b760ba2d4c8dadf2d"}',
        why: "a lowercase hex value near an access id is not a secret"
      },
      {
        text: 'credentials:{accessKeyId:"GOOG1ESJ3WE3F53W7THDO4HZEGR3F4O7AYOFXSHYS72YZOBOLMFM5NWPKDSEN",secretAccessKey:process.env.GCS_SECRET}',
        why: "env lookup without a value"
      },
      {
        text: 'const s3=new S3Client({region:"us-east-1",credentials:{accessKeyId:"AKIA5ZLQLUKLFOSPVPH5",secretAccessKey:"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"}});',
        why: "an AWS key pair (no GOOG access id): aws/secret-access-key reports it"
      }
    ]
  }
});
var AZURE_REMEDIATION = "Rotate the storage account key (Storage account \u2192 Security + networking \u2192 Access keys), then hand the browser short-lived, least-privilege SAS URLs minted by your backend.";
var azureConnectionString = defineRule({
  id: "azure/storage-connection-string",
  title: "Azure Storage connection string with account key",
  description: "A connection string carrying AccountKey= grants full control of the storage account (every container, including a Medblocks export destination) to anyone who reads the bundle.",
  severity: "critical",
  confidence: "exact",
  keywords: ["accountkey"],
  remediation: AZURE_REMEDIATION,
  references: ["https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string"],
  pattern: /(?<![A-Za-z])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
  window: { before: 16, after: 128 },
  validate: (ctx) => /DefaultEndpointsProtocol=|AccountName=/.test(ctx.around(1024)),
  examples: {
    positive: [
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=mbexports;AccountKey=DE3Q8VJP0uAZ0nkj93IvmuAcY00WCfBx7KIFFzJn8uuvY7a0Es2VzB2EnEGZkctco2ouISGqWxxHjLwmv6J8C3==;EndpointSuffix=core.windows.net"\n',
        secret: "DE3Q8VJP0uAZ0nkj93IvmuAcY00WCfBx7KIFFzJn8uuvY7a0Es2VzB2EnEGZkctco2ouISGqWxxHjLwmv6J8C3==",
        path: ".env"
      },
      {
        text: 'const svc=BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=clinicdata01;AccountKey=ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==;EndpointSuffix=core.windows.net");',
        secret: "ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG=="
      },
      {
        text: '{\n  "Storage": {\n    "ConnectionString": "DefaultEndpointsProtocol=https;AccountName=fhirexport;AccountKey=kl4ii9m8NHsfA+FlC9MZVtojp7L/mmXxtUE7FBer+od2Iq5XgL3Yt4a1L6xaWmoZWr5OG+5JlibWM257IhxXi6==;BlobEndpoint=https://fhirexport.blob.core.windows.net/;"\n  }\n}',
        secret: "kl4ii9m8NHsfA+FlC9MZVtojp7L/mmXxtUE7FBer+od2Iq5XgL3Yt4a1L6xaWmoZWr5OG+5JlibWM257IhxXi6==",
        path: "public/appsettings.json"
      }
    ],
    negative: [
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"',
        why: "the Azurite emulator's well-known key"
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="UseDevelopmentStorage=true"',
        why: "emulator shortcut, no key"
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net"',
        why: "template placeholder"
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="BlobEndpoint=https://mbexports.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D"',
        why: "a SAS connection string has no AccountKey (azure/sas-token reports it)"
      },
      {
        text: 'const cred=new StorageSharedKeyCredential("mbexports","LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP==");',
        why: "an account key outside a connection string: azure/storage-account-key reports it"
      }
    ]
  }
});
var azureAccountKey = defineRule({
  id: "azure/storage-account-key",
  title: "Azure Storage account key",
  description: "An 88-character storage account key under a name such as AZURE_STORAGE_KEY or accountKey, or passed to StorageSharedKeyCredential: full control of the storage account from any browser that loads it.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["accountkey", "account_key", "storage_key", "storagekey", "storagesharedkeycredential"],
  remediation: AZURE_REMEDIATION,
  references: ["https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage"],
  pattern: /(?:(?<![A-Za-z0-9;$])(?<name>(?:AZURE_)?STORAGE_(?:ACCOUNT_)?(?:ACCESS_)?KEY|ACCOUNT_KEY|account_key|(?:azure|azureStorage|storage)?[Aa]ccountKey|(?:azure)?[Ss]torageKey)(?:\\{0,3}["'`])?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}["'`])?|StorageSharedKeyCredential\([ \t]{0,4}\\{0,3}["'`][a-z0-9]{3,24}\\{0,3}["'`][ \t]{0,4},[ \t]{0,4}\\{0,3}["'`])(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])/,
  window: { before: 64, after: 256 },
  // `AccountKey=` inside a connection string is azure/storage-connection-string's finding.
  validate: (ctx) => !ctx.text.startsWith("AccountKey=", ctx.index),
  examples: {
    positive: [
      {
        text: 'const cred=new StorageSharedKeyCredential("mbexports","LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP==");',
        secret: "LchWyhMeBMhzsrzkOcumyGwSrTs7OnJr/8v095bhMzfW4rHB0vGvOcDc6LIh6ovxlaCXurG+UpJFt+PRMxbDIP=="
      },
      {
        text: "VITE_AZURE_STORAGE_KEY=gqmJriwFU2fDSJf7eR68WA0HG8F7HW2O8wRXZL/P3L08aG028QwQGBi3Zmda04C542kacRMlzYky1H/rKcLbM/==\n",
        secret: "gqmJriwFU2fDSJf7eR68WA0HG8F7HW2O8wRXZL/P3L08aG028QwQGBi3Zmda04C542kacRMlzYky1H/rKcLbM/==",
        path: ".env"
      },
      {
        text: 'const blob={accountName:"clinicdata01",accountKey:"ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==",container:"exports"};',
        secret: "ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG=="
      }
    ],
    negative: [
      {
        text: 'const blob={accountName:"devstoreaccount1",accountKey:"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="};',
        why: "the Azurite emulator's well-known key"
      },
      {
        text: "const blob={accountName:process.env.AZURE_STORAGE_ACCOUNT,accountKey:process.env.AZURE_STORAGE_KEY};",
        why: "env lookups without values"
      },
      {
        text: 'accountKey: "<storage-account-key>"',
        why: "template placeholder"
      },
      {
        text: 'const svc=BlobServiceClient.fromConnectionString("DefaultEndpointsProtocol=https;AccountName=clinicdata01;AccountKey=ZaYTnBzkW9XI1d0ovDyNA1hL6fxAAoDoE/Jy0i7wz8BmmJmKlnBiOM7uSf6OM3A/rejKD8fXRl3atDNoMiZUsG==;EndpointSuffix=core.windows.net");',
        why: "inside a connection string: azure/storage-connection-string reports it"
      }
    ]
  }
});
var DAY_MS = 24 * 60 * 60 * 1e3;
function parseSasDate(value) {
  if (value === void 0) return Number.NaN;
  try {
    return Date.parse(decodeURIComponent(value));
  } catch {
    return Number.NaN;
  }
}
function sasVerdict(ctx) {
  const params = parseQuery(ctx.groups.params ?? "");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(params.get("sv") ?? "")) return false;
  const sp = params.get("sp");
  const se = params.get("se");
  if (sp === void 0 && se === void 0) return false;
  const reasons = [];
  if (sp === void 0) reasons.push("permissions come from a stored access policy (unknown)");
  else if (/[wdca]/.test(sp)) reasons.push(`it can write or delete (sp=${sp})`);
  const expiry = parseSasDate(se);
  const start = params.has("st") ? parseSasDate(params.get("st")) : Date.now();
  if (!Number.isNaN(expiry) && !Number.isNaN(start) && expiry - start > 30 * DAY_MS) {
    reasons.push(`it is valid for more than 30 days (se=${se})`);
  }
  if (reasons.length > 0) return { message: `Azure SAS token: ${reasons.join("; ")}.` };
  return {
    severity: "medium",
    message: "Read-only, short-lived Azure SAS token: possibly an intentional download link; check what it exposes."
  };
}
var azureSasToken = defineRule({
  id: "azure/sas-token",
  title: "Azure shared access signature (SAS)",
  description: "A SAS query string (sv=\u2026&sig=\u2026) is a bearer credential for Azure Storage: until it expires, anyone with the URL has its permissions. Write/delete or long-lived SAS tokens do not belong in a browser bundle.",
  severity: "high",
  confidence: "exact",
  keywords: ["sig="],
  remediation: "Revoke the SAS (rotate the key it was signed with, or delete its stored access policy) and mint short-lived, read-only SAS URLs per request on your backend.",
  references: ["https://learn.microsoft.com/rest/api/storageservices/create-account-sas"],
  // The parameters before sig= (sig comes last in SAS tokens the SDKs and the portal produce); validate
  // requires sv= among them.
  pattern: /(?<![A-Za-z0-9_%.-])(?<params>(?:[a-z]{1,6}=[^&\s"'<>`#\\]{0,100}&(?:amp;)?){2,16})sig=(?<secret>[A-Za-z0-9%+/=]{20,120})(?![A-Za-z0-9%+/=])/,
  window: { before: 1800, after: 160 },
  validate: sasVerdict,
  examples: {
    positive: [
      {
        text: 'const c=new BlobServiceClient("https://mbexports.blob.core.windows.net?sv=2022-11-02&ss=b&srt=sco&sp=rwdlacupiytfx&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=IO2tVev1fmKVtNFnprk%2B3fjmZxZr0LKdFHTvEAkwLrY%3D");',
        secret: "IO2tVev1fmKVtNFnprk%2B3fjmZxZr0LKdFHTvEAkwLrY%3D"
      },
      {
        text: 'fetch("https://clinicdata01.blob.core.windows.net/exports/patients.ndjson?sp=r&st=2025-03-01T09:00:00Z&se=2025-03-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=r3wcHsMKk7pVnIMPkwqKCJZbUQTuJ8GsSZy38%2F708No%3D")',
        secret: "r3wcHsMKk7pVnIMPkwqKCJZbUQTuJ8GsSZy38%2F708No%3D"
      },
      {
        text: "VITE_AZURE_STORAGE_SAS_TOKEN=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2099-01-01T00:00:00Z&spr=https&sig=GVtuIDmjXjPJTO7jjvf%2BDIFPPsQHctzS4UU3cRWXb7Z%3D\n",
        secret: "GVtuIDmjXjPJTO7jjvf%2BDIFPPsQHctzS4UU3cRWXb7Z%3D",
        path: ".env"
      },
      {
        text: 'AZURE_STORAGE_CONNECTION_STRING="BlobEndpoint=https://mbexports.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D"',
        secret: "PKlpXG6ZqBJmF%2BnZB09UeiaLBHLEArtbVl62q%2BjqX6c%3D",
        path: ".env"
      }
    ],
    negative: [
      {
        text: "const url = `${base}?sv=2022-11-02&sp=r&se=2025-01-01&sig=<signature>`;",
        why: "template placeholder"
      },
      {
        text: 'fetch("https://hooks.partner.io/notify?v=2&ts=1745580000&sig=6302fd41bfed0b9b0026868b760ba2d4c8dadf2d")',
        why: "a sig= parameter without sv= is not an Azure SAS"
      },
      {
        text: "const sas = `sv=${sv}&ss=b&sp=${perms}&se=${expiry}&sig=${sig}`;",
        why: "a template that builds a SAS"
      },
      {
        text: "https://clinic-exports.s3.amazonaws.com/a.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA5ZLQLUKLFOSPVPH5%2F20250301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250301T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=182961daf5eb61958d6fa333e99477796e5097ea98ce54eadfabe50018c5ffd0",
        why: "an S3 presigned URL is not an Azure SAS"
      },
      {
        text: "?sv=2022-11-02&ss=b&srt=o&sp=r&se=2025-01-01&sig=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        why: "filler placeholder"
      }
    ]
  }
});
var rules = [
  awsAccessKeyId,
  awsSecretAccessKey,
  gcpServiceAccount,
  gcpApiKey,
  gcpHmacSecret,
  azureConnectionString,
  azureAccountKey,
  azureSasToken
];
var cloud_default = rules;

// rules/env.ts
init_rule_kit();
var CRITICAL_VALUE = /^(?:mb_sk_live_[A-Za-z0-9]{8}|-----BEGIN (?:[A-Z]{1,20} )?PRIVATE KEY-----)/;
function publicSecretVerdict(ctx) {
  const name = ctx.groups.name;
  if (!name || ctx.keyPath !== name) return false;
  const framework = publicFrameworkOf(name, ctx.publicEnv);
  if (!framework) return false;
  const meaningful = framework.exact ? name : name.slice(framework.prefix.length);
  if (!isSecretLookingName(meaningful) && !CRITICAL_VALUE.test(ctx.secret)) return false;
  return {
    ...CRITICAL_VALUE.test(ctx.secret) ? { severity: "critical" } : {},
    message: `${name} is public: ${framework.name} ${framework.mechanism}`,
    notes: [
      `${framework.name} ${framework.mechanism}; a secret behind ${framework.prefix} ships to every visitor.`
    ]
  };
}
var publicPrefixSecret = defineRule({
  id: "env/public-prefix-secret",
  title: "Secret behind a public env prefix",
  description: "Bundlers copy every variable with a public prefix (VITE_, NEXT_PUBLIC_, REACT_APP_, EXPO_PUBLIC_, \u2026) into the JavaScript they ship: a secret-looking name or a credential value behind such a prefix is published to every visitor at the next build.",
  severity: "high",
  confidence: "fuzzy",
  // Every assignment: the published prefixes are the project's (a custom Vite envPrefix, names from
  // next.config's env), unknown until the scan; limited to .env files, the keyword costs nothing elsewhere.
  keywords: ["="],
  fileKinds: ["env"],
  remediation: "Rename the variable without the public prefix, read it only in server code, and rotate the value: a build that already ran has published it.",
  pattern: /^(?<name>[A-Za-z_][A-Za-z0-9_.-]{0,200})=(?<secret>[\s\S]{1,8192})$/,
  // The name precedes the keyword: the window reaches back over the longest name the pattern accepts.
  window: { before: 202, after: 8500 },
  validate: publicSecretVerdict,
  examples: {
    positive: [
      {
        text: "VITE_MEDBLOCKS_API_KEY=mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY\n",
        secret: "mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY",
        path: ".env"
      },
      {
        text: '# OAuth app\nexport NEXT_PUBLIC_EPIC_CLIENT_SECRET="GFAg4f8ZQlzryJBiblOx1urQm9gKc~s5zC84saeE" # oops\n',
        secret: "GFAg4f8ZQlzryJBiblOx1urQm9gKc~s5zC84saeE",
        path: ".env.production"
      },
      {
        text: "REACT_APP_AWS_SECRET_ACCESS_KEY='qnnVJHlg/14z+zXwXA68p70bXrmo6tcfldfTSb3n'\n",
        secret: "qnnVJHlg/14z+zXwXA68p70bXrmo6tcfldfTSb3n",
        path: ".env.local"
      },
      {
        text: "EXPO_PUBLIC_CONFIG=mb_sk_live_yNXdE9HNWeItubgTMexWwkT9qi5VC8zI\n",
        secret: "mb_sk_live_yNXdE9HNWeItubgTMexWwkT9qi5VC8zI",
        path: "app/.env"
      }
    ],
    negative: [
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_live_V3JJemsVQR7ByRbvtgotXcjTRd3uGxPY\n",
        why: "no public prefix: server configuration (the value rules still report the key itself)",
        path: ".env"
      },
      {
        text: "VITE_MEDBLOCKS_BASE_URL=https://app.medblocks.com\nVITE_EPIC_CLIENT_ID=0f6c1a8e-5b1d-4c7e-9a55-3d2f1e0b7c44\n",
        why: "public prefix, but URLs and OAuth client ids are public by design",
        path: ".env"
      },
      {
        text: "VITE_DB_PASSWORD=<your password here>\n",
        why: "a placeholder, not a value",
        path: ".env.example"
      },
      {
        text: "const key = 'VITE_MEDBLOCKS_API_KEY=zY3vjsjL3VUAcI5I8hWw';\n",
        why: "not an env file: JavaScript is judged by the JavaScript rules",
        path: "src/config.ts"
      }
    ]
  }
});
var env_default = [publicPrefixSecret];

// rules/http.ts
init_rule_kit();
var PLACEHOLDER_PASSWORD = /^(?:pass(?:word|wd)?|pwd|secret|token|key|api_?key|user(?:name)?|admin|root|guest|test|demo|none|null|undefined|\*{1,64}|x{1,64})$/i;
var VARIABLE = /^(?:\$[A-Za-z_]\w{0,64}|%[A-Za-z_]\w{0,64}%)$/;
function isDocumentationHost(host) {
  const h = host.toLowerCase();
  return /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|host|hostname)$/.test(h) || /(?:^|\.)example\.(?:com|org|net)$/.test(h) || /\.(?:example|test|invalid|localhost)$/.test(h);
}
function urlVerdict(ctx) {
  const password = ctx.secret;
  if (PLACEHOLDER_PASSWORD.test(password) || VARIABLE.test(password)) return false;
  if (/^\d{1,5}$/.test(password)) return false;
  if (password.length < 6) return false;
  if (password === ctx.groups.user) return false;
  if (isDocumentationHost(ctx.groups.host ?? "")) return false;
  return true;
}
var basicAuthUrl = defineRule({
  id: "http/basic-auth-url",
  title: "Password in a URL",
  description: "A URL with user:password@ (a FHIR server, database, cache or broker) ships a working password to every browser that loads the bundle, and URLs also end up in logs, referrers and error reports.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["://"],
  remediation: "Change the password on the service it belongs to, and make the call from your backend, which keeps the credential in server-side configuration.",
  pattern: /(?<![A-Za-z0-9+.-])(?<scheme>https?|wss?|ftps?|postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?|amqps?|smtps?):\/\/(?<user>[A-Za-z0-9._~%!$&*+,;=-]{0,64}):(?<secret>[A-Za-z0-9._~%!$&*+,;=-]{1,128})@(?<host>[A-Za-z0-9.-]{1,253})/,
  window: { before: 32, after: 512 },
  validate: urlVerdict,
  examples: {
    positive: [
      {
        text: 'const FHIR_BASE="https://svc-export:V3JJemsVQR7ByRbvtgot@fhir.northwind-clinic.org/R4";',
        secret: "V3JJemsVQR7ByRbvtgot"
      },
      {
        text: "MONGODB_URI=mongodb+srv://portal:XcjTRd3uGxPYnIr0U8ra@cluster0.q7xk2.mongodb.net/patients?retryWrites=true\n",
        secret: "XcjTRd3uGxPYnIr0U8ra",
        path: ".env"
      },
      {
        text: 'new WebSocket("wss://monitor:xxphJAW7cEpJGiY3FB8g@events.northwind-clinic.org/stream")',
        secret: "xxphJAW7cEpJGiY3FB8g"
      },
      {
        text: "REDIS_URL=redis://:Yu8tnKc3wikEae4aRY40@cache.northwind-clinic.internal:6379/0\n",
        secret: "Yu8tnKc3wikEae4aRY40",
        path: ".env"
      }
    ],
    negative: [
      {
        text: "const FHIR_BASE = `https://svc-export:${process.env.FHIR_PASSWORD}@fhir.northwind-clinic.org/R4`;",
        why: "the password is interpolated at runtime"
      },
      {
        text: "DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/DB\n",
        why: "template placeholder",
        path: ".env"
      },
      {
        text: "git clone git@github.com:northwind/clinic-portal.git",
        why: "an SSH remote has no password"
      },
      {
        text: 'const u = "https://user:<password>@fhir.northwind-clinic.org/R4";',
        why: "template placeholder"
      },
      {
        text: 'redirect("https://app.medblocks.com/c/8e412688f1ae2587fd636d0fa0bbc8a6")',
        why: "a Medblocks session URL carries no credentials"
      },
      {
        text: "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev\n",
        why: "local development default on localhost",
        path: ".env"
      },
      {
        text: 'fetch("https://user:pass@example.com/api")',
        why: "documentation sample (example.com host, placeholder password)"
      }
    ]
  }
});
function decodeBasic(value) {
  if (!/^[A-Za-z0-9+/]{4,4096}={0,2}$/.test(value)) return void 0;
  let decoded;
  try {
    decoded = atob(value);
  } catch {
    return void 0;
  }
  if (!/^[\x20-\x7e]{3,1024}$/.test(decoded)) return void 0;
  const colon = decoded.indexOf(":");
  if (colon < 1) return void 0;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
function authorizationVerdict(ctx) {
  const token = ctx.secret;
  if (/^basic$/i.test(ctx.groups.scheme ?? "")) {
    const credential = decodeBasic(token);
    if (credential === void 0 || credential.password.length === 0) return false;
    if (PLACEHOLDER_PASSWORD.test(credential.password) || /your|example|changeme/i.test(credential.password)) {
      return false;
    }
    return {
      message: `HTTP Basic credentials for user "${credential.user}" in a literal Authorization header.`
    };
  }
  if (/^mb_sk_(?!test_)[a-z][a-z0-9]{1,11}_/.test(token)) return false;
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token);
}
var authorizationHeader = defineRule({
  id: "http/authorization-header",
  title: "Literal Authorization header",
  description: "An Authorization: Basic or Bearer header with a literal credential (a FHIR server token, an API key) hard-codes that credential into client code, where anyone can replay it.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["bearer", "basic"],
  remediation: "Revoke or rotate the token or password with its issuer, and let your backend attach credentials to upstream requests instead of the browser.",
  pattern: /(?<![A-Za-z0-9_-])(?<scheme>Basic|Bearer)[ ]{1,3}(?<secret>[A-Za-z0-9._~+/=-]{16,4096})(?![A-Za-z0-9._~+/=-])/i,
  window: { before: 16, after: 4200 },
  minEntropy: 3.5,
  validate: authorizationVerdict,
  examples: {
    positive: [
      {
        text: 'fetch("https://fhir.northwind-clinic.org/R4/Patient",{headers:{Authorization:"Bearer RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0"}})',
        secret: "RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0"
      },
      {
        text: "curl -H 'Authorization: Basic c3ZjLWZoaXItZXhwb3J0Oll1OHRuS2Mzd2lrRWFlNGFSWTQw' https://fhir.northwind-clinic.org/R4/metadata",
        secret: "c3ZjLWZoaXItZXhwb3J0Oll1OHRuS2Mzd2lrRWFlNGFSWTQw",
        path: "public/README.txt"
      },
      {
        text: 'const api=axios.create({baseURL:"https://fhir.northwind-clinic.org/R4",headers:{authorization:"Bearer eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InN5c3RlbS8qLnJlYWQifQ.dCVseWOtCauSOG7c1lcBrOv22y3EgR7zVdqoufyADJVSFpSiR64rO1M19Hl0918d6lGZN8LkOv6mMGbZXu9HK0KWZA2xlILx4tjAGkEwLP7EoImXQ4NCvIEcSB68sXWx3G95DryIQBuBmxTeODWPbkXhLNT4iHufgfx2dI92mK3g0XwiLIxGicXWH9yTQiKnS80k0glHyQ7y3KT0ZfXbaT93ZOe1NTWELnUy0MT8JKwQb9tFzeeMVsljJbBrihZZFpRLOJFolDnf83QKKzlh577SPvRKDFaAWSOkPOHExU2H9n2FHxxp2nn2f0aLFgkqjJMjjT5KI7dsyq6tymAgbJ"}});',
        secret: "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InN5c3RlbS8qLnJlYWQifQ.dCVseWOtCauSOG7c1lcBrOv22y3EgR7zVdqoufyADJVSFpSiR64rO1M19Hl0918d6lGZN8LkOv6mMGbZXu9HK0KWZA2xlILx4tjAGkEwLP7EoImXQ4NCvIEcSB68sXWx3G95DryIQBuBmxTeODWPbkXhLNT4iHufgfx2dI92mK3g0XwiLIxGicXWH9yTQiKnS80k0glHyQ7y3KT0ZfXbaT93ZOe1NTWELnUy0MT8JKwQb9tFzeeMVsljJbBrihZZFpRLOJFolDnf83QKKzlh577SPvRKDFaAWSOkPOHExU2H9n2FHxxp2nn2f0aLFgkqjJMjjT5KI7dsyq6tymAgbJ"
      },
      {
        text: "GET /R4/Patient HTTP/1.1\nHost: fhir.northwind-clinic.org\nAuthorization: Bearer d4GEAe1d6YPjxpvIAgajNuyspPk6eKb9q2wB51qZ\n",
        secret: "d4GEAe1d6YPjxpvIAgajNuyspPk6eKb9q2wB51qZ",
        path: "docs/requests.http"
      }
    ],
    negative: [
      {
        text: "headers: { Authorization: `Bearer ${token}` }",
        why: "the token is interpolated at runtime"
      },
      {
        text: 'headers: { Authorization: "Bearer <token>" }',
        why: "template placeholder"
      },
      {
        text: 'o.headers.Authorization="Bearer "+t.accessToken;',
        why: "the token is concatenated at runtime"
      },
      {
        text: "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        why: "base64 of the placeholder user:password"
      },
      {
        text: "Authorization: Bearer YOUR_ACCESS_TOKEN_HERE",
        why: "template placeholder"
      },
      {
        text: '{"token_type":"Bearer","expires_in":3600,"scope":"patient/*.read"}',
        why: "the token type, no token"
      },
      {
        text: "// Basic authentication is not supported by this endpoint; use Bearer tokens instead.",
        why: "prose"
      },
      {
        text: 'fetch("https://app.medblocks.com/patients",{headers:{Authorization:"Bearer mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5"}})',
        why: "a Medblocks key: medblocks/live-api-key reports it (no duplicate finding)"
      }
    ]
  }
});
function clientSecretVerdict(ctx) {
  const value = ctx.secret;
  if (ctx.groups.q === void 0) {
    if (looksLikeCode(value) || /^[A-Z][A-Z0-9_]{2,64}$/.test(value)) return false;
    if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  }
  return true;
}
var clientSecret = defineRule({
  id: "smart/client-secret",
  title: "OAuth / SMART on FHIR client secret",
  description: "A client_secret (Epic, Cerner, SMART backend or any OAuth confidential client) lets anyone obtain tokens as your application; a confidential client's secret is never browser-safe (client ids are).",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["client_secret", "clientsecret", "client-secret"],
  remediation: "Regenerate the client secret in the authorization server's developer portal (Epic, Cerner, \u2026) and run the token exchange on your backend; browser apps use public clients with PKCE and no secret.",
  pattern: /(?<name>[Cc]lient[_-]?[Ss]ecret|CLIENT[_-]?SECRET)(?:\\{0,3}["'`])?[ \t]{0,4}(?::|=>?)[ \t]{0,4}(?<q>\\{0,3}["'`])?(?<secret>[A-Za-z0-9._~+/=!@#%^*-]{8,256})(?![A-Za-z0-9._~+/=!@#%^*-])\k<q>/,
  window: { before: 16, after: 320 },
  minEntropy: 3.5,
  validate: clientSecretVerdict,
  examples: {
    positive: [
      {
        text: 'const smart={clientId:"62b22623-f53c-445b-afe4-b99ffacf489c",clientSecret:"3n2Z6xlulL6WVAdJ8I_jXy0OYeE~IOXfJvwdhUNf",tokenUrl:"https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token"};',
        secret: "3n2Z6xlulL6WVAdJ8I_jXy0OYeE~IOXfJvwdhUNf"
      },
      {
        text: "EPIC_CLIENT_SECRET=zXymU~sk8WC_1JNCb6GkuqrHlRnxbVtiLRiQneG6\n",
        secret: "zXymU~sk8WC_1JNCb6GkuqrHlRnxbVtiLRiQneG6",
        path: ".env"
      },
      {
        text: 'body:"grant_type=client_credentials&client_id=export-svc&client_secret=DRXHxwuxFxRJZfZx99e6Y9YCTlg5Y8vzjrW_gkTs&scope=system%2F*.read"',
        secret: "DRXHxwuxFxRJZfZx99e6Y9YCTlg5Y8vzjrW_gkTs"
      },
      {
        text: '{\n  "client_id": "62b22623-f53c-445b-afe4-b99ffacf489c",\n  "client_secret": "ImpVvzb3cv35ynxV~KUaqIJYwymsGh1VK3cKySA8"\n}',
        secret: "ImpVvzb3cv35ynxV~KUaqIJYwymsGh1VK3cKySA8",
        path: "public/smart-config.json"
      }
    ],
    negative: [
      {
        text: 'const smart={clientId:"62b22623-f53c-445b-afe4-b99ffacf489c",redirectUri:"https://portal.northwind-clinic.org/callback"};',
        why: "client ids and redirect URIs are public"
      },
      {
        text: "clientSecret: process.env.EPIC_CLIENT_SECRET,",
        why: "env lookup without a value"
      },
      {
        text: 'client_secret: "YOUR_CLIENT_SECRET"',
        why: "template placeholder"
      },
      {
        text: "CLIENT_SECRET=changeme\n",
        why: "placeholder",
        path: ".env"
      },
      {
        text: '{"token_endpoint_auth_methods_supported":["client_secret_basic","private_key_jwt"]}',
        why: "the name of an auth method, not a secret"
      },
      {
        text: "const clientSecret = clientSecretFromVault;",
        why: "an identifier, not a literal"
      },
      {
        text: '{"jwks_uri":"https://app.medblocks.com/.well-known/jwks.json","client_id":"QTRQVH0GAT90DGBCVRZ6CKK910"}',
        why: "JWKS URI and client id are public"
      }
    ]
  }
});
var rules2 = [basicAuthUrl, authorizationHeader, clientSecret];
var http_default = rules2;

// rules/js-shapes.ts
init_rule_kit();
var MEDBLOCKS_MODULES = /* @__PURE__ */ new Set(["@medblocks/connect", "medblocks"]);
function lastSegment(name) {
  return name.slice(name.lastIndexOf(".") + 1);
}
function credentialLike(value, minLength = 16) {
  if (value === void 0 || value.length < minLength || /\s/.test(value) || isPlaceholder(value))
    return false;
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && shannonEntropy(value) >= 3;
}
function property(properties, name) {
  return properties.find((candidate) => name.test(candidate.key))?.value;
}
var sdkInClient = defineRule({
  id: "medblocks/sdk-in-client",
  title: "Medblocks SDK in client code",
  description: "The Medblocks SDK is a server SDK: it needs a secret API key, and the docs keep it on your backend. Importing or constructing it in code that ships to the browser means the key ships too, or will.",
  severity: "medium",
  confidence: "fuzzy",
  scope: "client",
  keywords: ["medblocks"],
  remediation: "Move the Medblocks client to a server route (your backend calls Medblocks); the browser only calls that route and receives the patient session URL.",
  references: ["https://medblocks.com/docs"],
  visit: {
    import: (node) => MEDBLOCKS_MODULES.has(node.source) ? {
      secret: node.source,
      evidence: "code",
      start: node.start,
      end: node.end,
      message: `"${node.source}" is imported in client code.`
    } : void 0,
    call: (node) => node.type === "new" && lastSegment(node.callee) === "Medblocks" ? {
      secret: `new ${node.callee}`,
      evidence: "code",
      start: node.start,
      end: node.start + 4 + node.callee.length,
      message: "The Medblocks SDK is constructed in client code."
    } : void 0
  },
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks(apiKey);\n',
        secret: "@medblocks/connect",
        path: "src/lib/medblocks.ts"
      },
      {
        text: 'import { Medblocks, parseReturnUrl } from "medblocks";\n',
        secret: "medblocks",
        path: "src/components/Connect.tsx"
      },
      {
        text: 'const r=new t.Medblocks(e,{baseUrl:"https://app.medblocks.com"});',
        secret: "new t.Medblocks",
        path: "dist/assets/index-4f9c2a.js"
      },
      {
        text: 'const { Medblocks } = require("@medblocks/connect");\n',
        secret: "@medblocks/connect",
        path: "public/js/portal.js"
      }
    ],
    negative: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks(process.env.MEDBLOCKS_API_KEY!);\n',
        why: "server code (src/server/) is where the SDK belongs",
        path: "src/server/medblocks.ts"
      },
      {
        text: 'import type { PatientSession } from "@medblocks/connect";\nexport function show(s: PatientSession) { location.href = s.url; }\n',
        why: "a type-only import is erased by the compiler; nothing of the SDK ships",
        path: "src/components/Redirect.tsx"
      },
      {
        text: 'import { Button } from "medblocks-ui";\nthrow new MedblocksError("failed");\n',
        why: "another package, and a class that is not the SDK client",
        path: "src/components/Button.tsx"
      },
      {
        text: '// Call our backend; it uses new Medblocks(key) server-side.\nfetch("/api/session", { method: "POST" });\n',
        why: "the SDK is only mentioned in a comment",
        path: "src/main.ts"
      }
    ]
  }
});
function isConstructEvent(callee) {
  return callee.endsWith("webhooks.constructEvent") && !/stripe/i.test(callee);
}
var webhookVerificationInClient = defineRule({
  id: "medblocks/webhook-verification-in-client",
  title: "Webhook verification in client code",
  description: "Verifying a webhook signature needs the signing secret; code that does it in the browser either ships the secret or is server code in the wrong place. Anyone holding the secret can forge events to your backend.",
  severity: "high",
  confidence: "fuzzy",
  scope: "client",
  keywords: [
    "constructevent",
    "createhmac",
    'importkey("raw"',
    "importkey('raw'",
    "importkey(`raw`",
    "medblocks-signature"
  ],
  remediation: "Verify webhooks on your backend with the raw request body and a secret from server-side storage; rotate the signing secret if it was in client code.",
  references: ["https://medblocks.com/docs"],
  visit: {
    call: (node) => {
      const method = lastSegment(node.callee);
      if (isConstructEvent(node.callee)) {
        return {
          secret: node.callee,
          evidence: "code",
          start: node.start,
          end: node.start + node.callee.length,
          message: "A webhook event is verified in client code."
        };
      }
      const key = method === "createHmac" ? node.arguments[1] : method === "importKey" && node.arguments[0]?.value === "raw" ? node.arguments[1] : void 0;
      if (key && credentialLike(key.value, 12)) {
        return {
          secret: key.value,
          start: key.start,
          end: key.end,
          layer: key.layer ?? "string",
          message: `An HMAC key is a literal in client code (${node.callee}).`
        };
      }
      const header = node.arguments.find((arg) => arg.value?.toLowerCase() === "medblocks-signature");
      if (header?.value !== void 0) {
        return {
          secret: header.value,
          evidence: "code",
          start: header.start,
          end: header.end,
          layer: "ast",
          message: "The Medblocks-Signature header is handled in client code."
        };
      }
      return void 0;
    }
  },
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nconst event = Medblocks.webhooks.constructEvent(body, signature, secret);\n',
        secret: "Medblocks.webhooks.constructEvent",
        path: "src/components/Events.tsx"
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: 'const mac = createHmac("sha256", "hk_9bf033b9ee8445a92e7afdec0e573568").update(`${t}.${body}`).digest("hex");',
        secret: "hk_9bf033b9ee8445a92e7afdec0e573568",
        path: "src/lib/verify.js"
      },
      {
        text: 'const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("iYbVgbokGz9yD8UfUMNA"), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);',
        secret: "iYbVgbokGz9yD8UfUMNA",
        path: "src/lib/verify.ts"
      },
      {
        text: 'const signature = request.headers.get("Medblocks-Signature");',
        secret: "Medblocks-Signature",
        path: "src/pages/webhook.tsx"
      }
    ],
    negative: [
      {
        text: 'const event = Medblocks.webhooks.constructEvent(rawBody, req.headers["medblocks-signature"], process.env.MEDBLOCKS_WEBHOOK_SECRET);',
        why: "a server route (app/**/route.ts) is where verification belongs",
        path: "app/api/webhooks/route.ts"
      },
      {
        text: 'const mac = createHmac("sha256", secret).update(body).digest("hex");',
        why: "the key is a variable, not a literal",
        path: "src/lib/verify.js"
      },
      {
        text: "const event = stripe.webhooks.constructEvent(body, sig, endpointSecret);",
        why: "Stripe's method of the same name",
        path: "src/components/Checkout.tsx"
      },
      {
        text: 'const key = await crypto.subtle.importKey("spki", publicKeyDer, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);',
        why: "importing a public key to verify a signature is what a browser may do",
        path: "src/lib/verify.ts"
      }
    ]
  }
});
var BEARER_OR_BASIC = /^(?:Bearer|Basic)\s/i;
var SCHEME_AND_CREDENTIAL = /^(?:(?<scheme>[A-Za-z][A-Za-z0-9_-]{0,30}) )?(?<credential>\S{16,4096})$/;
function authorizationReport(value) {
  if (value?.value === void 0 || BEARER_OR_BASIC.test(value.value)) return void 0;
  const match = SCHEME_AND_CREDENTIAL.exec(value.value);
  const credential = match?.groups?.credential;
  if (!credentialLike(credential) || shannonEntropy(credential) < 3.5) return void 0;
  const offset = value.layer === "string" ? value.value.length - credential.length : 0;
  const scheme = match?.groups?.scheme;
  return {
    secret: credential,
    start: value.start + offset,
    end: value.end,
    layer: value.layer ?? "string",
    message: scheme ? `A literal "${scheme}" credential in an Authorization header.` : "A literal credential in an Authorization header."
  };
}
var authorizationLiteral = defineRule({
  id: "http/authorization-literal",
  title: "Literal credential in an Authorization header",
  description: "An Authorization header set from a literal with a non-standard scheme (`Token \u2026`, `Api-Key \u2026`) or none hard-codes an API credential into client code. Bearer and Basic literals are http/authorization-header's.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["authorization"],
  remediation: "Revoke the credential with its issuer and let your backend attach credentials to upstream requests.",
  visit: {
    object: (node) => authorizationReport(property(node.properties, /^authorization$/i)),
    call: (node) => {
      const method = lastSegment(node.callee);
      if (method !== "set" && method !== "append" && method !== "setRequestHeader") return void 0;
      if (!/^authorization$/i.test(node.arguments[0]?.value ?? "")) return void 0;
      return authorizationReport(node.arguments[1]);
    }
  },
  examples: {
    positive: [
      {
        text: 'fetch("https://api.northwind-clinic.org/v1/slots",{headers:{Authorization:"Token Esy82IUkyAYAOKIDDlZXAmThLaaCOqR248emoozw"}});',
        secret: "Esy82IUkyAYAOKIDDlZXAmThLaaCOqR248emoozw"
      },
      {
        text: 'xhr.setRequestHeader("Authorization", "Api-Key " + "5623rZxHxZ8iTBwE" + "4JE8EvyOpw4B1R321XDJeOb5");',
        secret: "5623rZxHxZ8iTBwE4JE8EvyOpw4B1R321XDJeOb5"
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: 'const h = new Headers(); h.set("authorization", `${"cynuDwMA0gK4evAAnDnE9Jwyh5uy6BkkJkJkmBhN"}`);',
        secret: "cynuDwMA0gK4evAAnDnE9Jwyh5uy6BkkJkJkmBhN"
      }
    ],
    negative: [
      {
        text: 'fetch(url,{headers:{Authorization:"Bearer "+"RZh2E2l9stHHTHD6AIfqUUCnIeHUwJ5sWkz68uX0"}});',
        why: "a Bearer literal is http/authorization-header's finding, not a second one"
      },
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text of an example
        text: "fetch(url,{headers:{Authorization:`Token ${session.token}`}});",
        why: "the credential is interpolated at runtime"
      },
      {
        text: 'headers.set("Authorization", "Token YOUR_API_TOKEN_HERE");',
        why: "template placeholder"
      },
      {
        text: 'const labels = { authorization: "Authorization required to view records" };',
        why: "prose, not a credential"
      }
    ]
  }
});
var ACCESS_KEY_ID = /^(?:aws_?)?access_?key_?id$/i;
var SECRET_ACCESS_KEY = /^(?:aws_?)?secret_?access_?key$/i;
var credentialsObject = defineRule({
  id: "aws/credentials-object",
  title: "S3 credentials object with literal keys",
  description: "An object with an accessKeyId and a secretAccessKey literal is a working S3-API credential (AWS, Cloudflare R2, MinIO, Backblaze B2, Wasabi) in client code: it reaches every bucket the key can, such as an export destination.",
  severity: "critical",
  confidence: "exact",
  keywords: ["accesskeyid", "access_key_id"],
  remediation: "Deactivate the key pair with its provider, and upload through your backend or through pre-signed URLs your backend issues.",
  visit: {
    object: (node) => {
      const id = property(node.properties, ACCESS_KEY_ID);
      const secret = property(node.properties, SECRET_ACCESS_KEY);
      if (!id?.value || id.value.length < 12 || isPlaceholder(id.value) || !credentialLike(secret?.value))
        return void 0;
      return {
        secret: secret.value,
        start: secret.start,
        end: secret.end,
        layer: secret.layer ?? "string",
        ...id.value.startsWith("ASIA") ? { severity: "high" } : {},
        message: `Access key id ${id.value.slice(0, 4)}\u2026 and its secret sit in one object literal.`,
        ...node.keyPath === void 0 ? {} : { keyPath: `${node.keyPath}.secretAccessKey` }
      };
    }
  },
  examples: {
    positive: [
      {
        text: 'const r2=new S3Client({region:"auto",endpoint:"https://4ed4f6d1df8d5cc4dfd951492cfa629f.r2.cloudflarestorage.com",credentials:{accessKeyId:"31eacb52f76388fe501d4f523db06d99",secretAccessKey:"71469ef9aae11b64cd53038dfa26f40b62ab1cb921f03a8fcc5f76900ffb49cb"}});',
        secret: "71469ef9aae11b64cd53038dfa26f40b62ab1cb921f03a8fcc5f76900ffb49cb"
      },
      {
        text: 'const minio = new S3Client({ endpoint: "https://files.northwind-clinic.org", forcePathStyle: true, credentials: { accessKeyId: "FXBttJM3FXfvWkVwwYyq", secretAccessKey: "29MWsvULqwKfj4LY" + "1Sa4Bclb4K3aG0Pu" } });',
        secret: "29MWsvULqwKfj4LY1Sa4Bclb4K3aG0Pu"
      },
      {
        text: 'export const b2 = { endpoint: "https://s3.us-west-004.backblazeb2.com", accessKeyId: "0059062a835dc3f86b6710d24", secretAccessKey: `K005djRkQPE5n2aL2jyUrVTTCourKx7` };',
        secret: "K005djRkQPE5n2aL2jyUrVTTCourKx7",
        path: "src/config.ts"
      }
    ],
    negative: [
      {
        text: "const s3 = new S3Client({ credentials: { accessKeyId: import.meta.env.VITE_S3_KEY_ID, secretAccessKey: import.meta.env.VITE_S3_SECRET } });",
        why: "env lookups without values (env/secret-name-in-client judges the names)"
      },
      {
        text: 'const s3 = new S3Client({ credentials: { accessKeyId: "YOUR_ACCESS_KEY_ID", secretAccessKey: "YOUR_SECRET_ACCESS_KEY" } });',
        why: "template placeholders"
      },
      {
        text: 'const s3 = new S3Client({ credentials: { accessKeyId: "AKIA5ZLQLUKLFOSPVPH5", secretAccessKey: "OFRQkwmWXQXVQVfwqhH8D3Gq46xinibYbyxKcxsy" } });',
        why: "an AWS-format secret is aws/secret-access-key's finding: one secret, one rule"
      },
      {
        text: 'const upload = { bucket: "exports", accessKeyId: "31eacb52f76388fe501d4f523db06d99" };',
        why: "an access key id without its secret"
      }
    ]
  }
});
var PRIVATE_MEMBERS = {
  RSA: ["d", "p", "q", "dp", "dq", "qi"],
  EC: ["d"],
  OKP: ["d"],
  oct: ["k"]
};
var jwkObject = defineRule({
  id: "private-key/jwk-object",
  title: "Private JWK in a JavaScript object",
  description: "A JS object literal with kty and a private member (d, p, q, \u2026 or k of a symmetric key) is a private key, however its values are written (template literals, concatenations): SMART assertions and tokens can be forged.",
  severity: "critical",
  confidence: "exact",
  // `kty` followed by a quote or colon: the bare letters occur inside words all over minified code.
  keywords: ['kty"', "kty'", "kty`", "kty:"],
  remediation: "Remove the key from its JWKS and EHR registrations, generate a new pair server-side, and publish only the public members at your JWKS URI.",
  visit: {
    object: (node) => {
      const kty = property(node.properties, /^kty$/)?.value;
      const members = kty === void 0 ? void 0 : PRIVATE_MEMBERS[kty];
      for (const member of members ?? []) {
        const value = node.properties.find((candidate) => candidate.key === member)?.value;
        if (value?.value === void 0 || !/^[A-Za-z0-9_-]{16,4096}$/.test(value.value) || isPlaceholder(value.value))
          continue;
        return {
          secret: value.value,
          start: value.start,
          end: value.end,
          layer: value.layer ?? "string",
          message: `Private JWK (kty "${kty}") with its private ${member} member.`
        };
      }
      return void 0;
    }
  },
  examples: {
    positive: [
      {
        text: 'const key = await importJWK({kty:"EC",crv:"P-256",x:`RrBoLKZmPAcsSI90MPuQrqJSLJkm82sYXp9Z2EHyEDZ`,y:`ekAiMUu_g6wESQ2Rm9JWy3-CDIAIh3587I8zmkroveL`,d:`DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ`}, "ES256");',
        secret: "DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ"
      },
      {
        text: 'const jwk = { kty: "EC", crv: "P-256", x: "SAXAQYXiF6m7ADwbZB6AQAVfPIJyp3kla8NTmA_EjES", y: "0wrl4N1Q98fPFh17vdi5PmuaXhsoQgRZ1a4K438RXJY", d: "YFlpDJWeKgpOzfT1" + "khZD5rQSooI4ZFUndjLUF6YaWr-" };',
        secret: "YFlpDJWeKgpOzfT1khZD5rQSooI4ZFUndjLUF6YaWr-"
      },
      {
        text: "export const hmacKey = { kty: `oct`, alg: `HS256`, k: `GfkvmClIDmOwNxmDUjz0kB0IQ6alyNbv3VsJI3RfJXP` };",
        secret: "GfkvmClIDmOwNxmDUjz0kB0IQ6alyNbv3VsJI3RfJXP"
      }
    ],
    negative: [
      {
        text: "const verifyKey = { kty: `EC`, crv: `P-256`, x: `RrBoLKZmPAcsSI90MPuQrqJSLJkm82sYXp9Z2EHyEDZ`, y: `ekAiMUu_g6wESQ2Rm9JWy3-CDIAIh3587I8zmkroveL` };",
        why: "a public EC key (x and y only)"
      },
      {
        text: 'const point = { d: "DBjQTnxgtYnmcWWAsdHLAjDdBe-ol5CTTmQN9_-W3pZ", label: "distance" };',
        why: "a d member without kty is not a JWK"
      },
      {
        text: "const template = { kty: `EC`, crv: `P-256`, d: `<private scalar>` };",
        why: "documentation template"
      },
      {
        text: 'const jwk = { kty: "EC", crv: "P-256", d: privateScalar };',
        why: "the private member is a variable, not a literal"
      }
    ]
  }
});
var secretNameInClient = defineRule({
  id: "env/secret-name-in-client",
  title: "Secret-named public env variable in client code",
  description: "A variable with a public prefix (VITE_, NEXT_PUBLIC_, \u2026) is inlined into the client bundle at build time; a name that says it holds a secret (MEDBLOCKS_API_KEY, *_SECRET, *_PRIVATE_KEY) will ship that secret.",
  severity: "high",
  confidence: "fuzzy",
  scope: "client",
  // A public name read from the env, not `process.env` alone (every library build reads NODE_ENV), nor the
  // bare prefix (`public_` is an everyday identifier): member reads, destructuring of import.meta.env (Next
  // and CRA inline only member reads of process.env), SvelteKit's module.
  keywords: [
    ...PUBLIC_ENV_FRAMEWORKS.map((framework) => `env.${framework.prefix.toLowerCase()}`),
    "=import.meta.env",
    "= import.meta.env",
    "$env/static/public"
  ],
  remediation: "Rename the variable without the public prefix and read it only in server code (an API route that calls the service for the browser); rotate the value if a build already shipped it.",
  visit: {
    env: (node) => {
      const framework = publicFrameworkOf(node.name);
      if (!framework || !isSecretLookingName(node.name.slice(framework.prefix.length))) return void 0;
      return {
        secret: node.name,
        evidence: "code",
        start: node.start,
        end: node.end,
        message: `${node.name} is read from ${node.via}: ${framework.name} ${framework.mechanism}, so its secret value ships to the browser.`
      };
    }
  },
  examples: {
    positive: [
      {
        text: "export const mb = new Medblocks(import.meta.env.VITE_MEDBLOCKS_API_KEY);\n",
        secret: "VITE_MEDBLOCKS_API_KEY",
        path: "src/lib/medblocks.ts"
      },
      {
        text: "const secret = process.env.NEXT_PUBLIC_EPIC_CLIENT_SECRET;\n",
        secret: "NEXT_PUBLIC_EPIC_CLIENT_SECRET",
        path: "components/Login.tsx"
      },
      {
        text: 'import { PUBLIC_MEDBLOCKS_WEBHOOK_SECRET } from "$env/static/public";\n',
        secret: "PUBLIC_MEDBLOCKS_WEBHOOK_SECRET",
        path: "src/routes/+page.ts"
      },
      {
        text: "const { VITE_AWS_SECRET_ACCESS_KEY } = import.meta.env;\n",
        secret: "VITE_AWS_SECRET_ACCESS_KEY",
        path: "src/upload.ts"
      }
    ],
    negative: [
      {
        text: "const url = import.meta.env.VITE_MEDBLOCKS_BASE_URL;\nconst clientId = import.meta.env.VITE_EPIC_CLIENT_ID;\n",
        why: "public by design: a URL and an OAuth client id",
        path: "src/lib/config.ts"
      },
      {
        text: "const key = process.env.MEDBLOCKS_API_KEY;\n",
        why: "no public prefix: the bundler does not inline it",
        path: "src/lib/medblocks.ts"
      },
      {
        text: "const key = process.env.NEXT_PUBLIC_MEDBLOCKS_API_KEY;\n",
        why: "server code (pages/api/) is never shipped to the browser",
        path: "pages/api/session.ts"
      },
      {
        text: "const stripe = loadStripe(import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY);\n",
        why: "a publishable key is meant for the browser",
        path: "src/checkout.ts"
      }
    ]
  }
});
function jwtClaims(token) {
  const payload = token.split(".")[1] ?? "";
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? claims : void 0;
  } catch {
    return void 0;
  }
}
var PRIVILEGED_ROLES = /* @__PURE__ */ new Set(["service_role", "supabase_admin"]);
function jwtVerdict(ctx) {
  if (/Bearer[ ]{1,3}$/i.test(ctx.text.slice(Math.max(0, ctx.index - 10), ctx.index))) return false;
  const claims = jwtClaims(ctx.secret);
  if (claims === void 0 || claims.role === "anon") return false;
  if (typeof claims.role === "string" && PRIVILEGED_ROLES.has(claims.role)) {
    return {
      message: `A JWT with role "${claims.role}": it bypasses row-level security and every access rule.`
    };
  }
  const expiry = typeof claims.exp === "number" ? `expires ${new Date(claims.exp * 1e3).toISOString().slice(0, 10)}` : "no expiry (exp) claim";
  return { severity: "low", title: "JWT in client code", message: `A signed JWT literal; ${expiry}.` };
}
var privilegedToken = defineRule({
  id: "jwt/privileged-token",
  title: "Privileged JWT in client code",
  description: "A JWT whose payload grants a privileged role (Supabase service_role) is a master key in the browser. Public anon tokens are meant to ship; other JWTs are reported low with their expiry.",
  severity: "critical",
  confidence: "exact",
  keywords: ["eyj"],
  remediation: "Rotate the signing secret or the key (Supabase: roll the JWT secret / service_role key), and use the service token only in server code; the browser gets the anon key.",
  pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000})(?![A-Za-z0-9_-])/,
  window: { before: 16, after: 12e3 },
  validate: jwtVerdict,
  examples: {
    positive: [
      {
        text: 'export const supabase = createClient("https://zvtjjnookcwiuymoxpny.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjoyMDMzNTc2MDAwfQ.mk5VO48WnXhQ4NI32XozZi0OBXY2jW7lfMmZM0TIhKi");',
        secret: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcxODAwMDAwMCwiZXhwIjoyMDMzNTc2MDAwfQ.mk5VO48WnXhQ4NI32XozZi0OBXY2jW7lfMmZM0TIhKi"
      },
      {
        text: "VITE_SUPABASE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImVmZWoxbnhwcnc1emVpZGtrdDJ4Iiwicm9sZSI6InN1cGFiYXNlX2FkbWluIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjIwMzM1NzYwMDB9.MdTkmzsFcN2bAeLJj8BkpGC22kuAbFWGJFAqxsyR6NK\n",
        secret: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImVmZWoxbnhwcnc1emVpZGtrdDJ4Iiwicm9sZSI6InN1cGFiYXNlX2FkbWluIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjIwMzM1NzYwMDB9.MdTkmzsFcN2bAeLJj8BkpGC22kuAbFWGJFAqxsyR6NK",
        path: ".env.local"
      },
      {
        text: 'const assertion="eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwfQ.iJFKBIooGijcuX22pTdUwFhgpK90iSzKYpWVjbOXEYzS9gzrwky3zHR0q6nnW6aNe9wAj84dEFcfzqOm8XnARC";',
        secret: "eyJhbGciOiJSUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImZoaXItMSJ9.eyJpc3MiOiJodHRwczovL2ZoaXIubm9ydGh3aW5kLWNsaW5pYy5vcmciLCJzdWIiOiJzdmMtZXhwb3J0IiwiYXVkIjoiaHR0cHM6Ly9maGlyLm5vcnRod2luZC1jbGluaWMub3JnL1I0IiwiZXhwIjoxODkzNDU2MDAwfQ.iJFKBIooGijcuX22pTdUwFhgpK90iSzKYpWVjbOXEYzS9gzrwky3zHR0q6nnW6aNe9wAj84dEFcfzqOm8XnARC"
      }
    ],
    negative: [
      {
        text: 'export const supabase = createClient("https://zvtjjnookcwiuymoxpny.supabase.co", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Inp2dGpqbm9va2N3aXV5bW94cG55Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MTgwMDAwMDAsImV4cCI6MjAzMzU3NjAwMH0.EW7jq55KvGXHI0C85BMUKQpXAXERKU4LzBorgTk0Zu6");',
        why: "the Supabase anon key is public by design"
      },
      {
        text: 'const header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";',
        why: "a JWT header alone carries no signature"
      },
      {
        text: 'fetch(url,{headers:{Authorization:"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwYXRpZW50LXBvcnRhbCIsInNjb3BlIjoicGF0aWVudC8qLnJlYWQifQ.ycwkOJc3E5xDKmoHD2BA2Esobl3exolNeTTEg9qSxHJ"}});',
        why: "a Bearer header literal is http/authorization-header's finding, not a second one"
      },
      {
        text: "const sample = 'eyJhbGciOiJIUzI1NiJ9.eyJub3RKU09OIjp9.abcdefghijklmnopqrstuv';",
        why: "the payload is not valid JSON: not a JWT"
      }
    ]
  }
});
var rules3 = [
  sdkInClient,
  webhookVerificationInClient,
  authorizationLiteral,
  credentialsObject,
  jwkObject,
  secretNameInClient,
  privilegedToken
];
var js_shapes_default = rules3;

// rules/medblocks.ts
init_rule_kit();
var KEY_REMEDIATION = "Revoke the key and mint a new one in the Medblocks dashboard (Settings \u2192 API Keys), move the Medblocks call behind your backend so the browser only receives the patient session URL, and check that the key never shipped to production (deployed bundles, CDN caches, published source maps).";
var WEBHOOK_REMEDIATION = "Rotate the signing secret (Medblocks dashboard or POST /webhooks/{id}/rotate-secret) and keep it only in server-side secret storage; webhook verification belongs on your backend.";
function plausibleBody(body) {
  if (body === void 0) return false;
  return body.length >= 20 || hasCharacterClasses(body, 2);
}
function keyVerdict(ctx) {
  if (!plausibleBody(ctx.groups.body)) return false;
  if (hasMedblocksContext(ctx)) return true;
  return {
    notes: [
      "No Medblocks reference nearby; the mb_sk_ prefix is also used by an unrelated API, so confirm the owner before rotating."
    ]
  };
}
var liveApiKey = defineRule({
  id: "medblocks/live-api-key",
  title: "Medblocks production API key",
  description: "A production (mb_sk_live_) Medblocks key is a workspace-wide bearer credential: anyone who reads the bundle can create patient sessions and read live patient records (PHI) through the Platform API.",
  severity: "critical",
  confidence: "exact",
  keywords: ["mb_sk_live_"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_live_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nexport const mb = new Medblocks("mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5");\n',
        secret: "mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5"
      },
      {
        text: 'const r=new t.Medblocks("mb_sk_live_mEJJfAnHKC7aJvUuNd5IRl6bWvHzmjb2",{baseUrl:"https://app.medblocks.com",timeout:3e4});',
        secret: "mb_sk_live_mEJJfAnHKC7aJvUuNd5IRl6bWvHzmjb2",
        path: "dist/assets/index-4f9c2a.js"
      },
      {
        text: "NEXT_PUBLIC_MEDBLOCKS_API_KEY=mb_sk_live_WNJUonFGwHtokPlqrzL2znmiMVfKh7yi\n",
        secret: "mb_sk_live_WNJUonFGwHtokPlqrzL2znmiMVfKh7yi",
        path: ".env.local"
      },
      {
        text: 'fetch("https://app.medblocks.com/patients",{method:"POST",headers:{Authorization:"Bearer mb_sk_live_JKp9EXneG1G3lyaYgSgFasdkheTQcDN0"}})',
        secret: "mb_sk_live_JKp9EXneG1G3lyaYgSgFasdkheTQcDN0"
      }
    ],
    negative: [
      { text: 'MEDBLOCKS_API_KEY="mb_sk_live_..."', why: "documentation placeholder (elided body)" },
      { text: 'const mb = new Medblocks("mb_sk_live_test");', why: "the SDK docs' own test-fixture key" },
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_live_EXAMPLEonlyFAKE0000000000000000",
        why: "marked example value from credentials.md"
      },
      { text: 'headers: { Authorization: "Bearer <YOUR_KEY>" }', why: "template placeholder, no key" },
      {
        text: "const mb = new Medblocks(process.env.MEDBLOCKS_API_KEY);",
        why: "env lookup without an inlined value (a name rule's business, not a value rule's)"
      },
      {
        text: "const LIVE_KEY = /mb_sk_live_[A-Za-z0-9]{32}/;",
        why: "a regular expression that describes the key shape"
      },
      {
        text: 'const client = createClient("bmb_sk_live_VKFppBilVFXCOcK7lQesAyKnjFl5MzwL");',
        why: "bmb_sk_live_ belongs to another product; a word boundary is required before mb_"
      },
      {
        text: 'const k = "mb_sk_test_TrfhVCNAEWQusKZwbdtpd8kETQIKlqmY";',
        why: "mb_sk_test_ is not a Medblocks prefix (it belongs to an unrelated API)"
      },
      { text: "MEDBLOCKS_API_KEY=mb_sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      { text: 'apiKey: "mb_sk_live_notarealkey"', why: "a short single-case word, not a key body" }
    ]
  }
});
var sandboxApiKey = defineRule({
  id: "medblocks/sandbox-api-key",
  title: "Medblocks sandbox API key",
  description: "A sandbox (mb_sk_sbx_) key only reaches synthetic data, but in a browser it still lets anyone create webhooks and patient sessions, burn quota, and it is often promoted to production by copy-paste.",
  severity: "high",
  confidence: "exact",
  keywords: ["mb_sk_sbx_"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_sbx_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: "VITE_MEDBLOCKS_API_KEY=mb_sk_sbx_30uOTQSSS88wmwp9soZjp2fXRsBFZdCy\n",
        secret: "mb_sk_sbx_30uOTQSSS88wmwp9soZjp2fXRsBFZdCy",
        path: ".env.development"
      },
      {
        text: 'export const mb = new Medblocks("mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ", { timeout: 10000 });',
        secret: "mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ",
        path: "src/lib/medblocks.ts"
      },
      {
        text: 'var o={apiKey:"mb_sk_sbx_l2jGplDcQZ34aifDm5nVhJPW8UMZSgSi",baseUrl:"https://app.medblocks.com"};',
        secret: "mb_sk_sbx_l2jGplDcQZ34aifDm5nVhJPW8UMZSgSi",
        path: "build/static/js/main.8a1f3c.js"
      }
    ],
    negative: [
      { text: "MEDBLOCKS_API_KEY=mb_sk_sbx_xxxxxxxx", why: "filler placeholder" },
      { text: "Set MEDBLOCKS_API_KEY to your sandbox key (mb_sk_sbx_...).", why: "documentation prose" },
      { text: 'const key = "mb_sk_sbx_<YOUR_KEY>";', why: "template placeholder" },
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_sbx_EXAMPLEonlyFAKE0000000000000000",
        why: "marked example value from credentials.md"
      },
      {
        text: 'redirect(session.url) // "https://app.medblocks.com/c/8e412688f1ae2587fd636d0fa0bbc8a6"',
        why: "the patient session URL is meant for the browser"
      },
      { text: "if (!/^mb_sk_sbx_[A-Za-z0-9]{32}$/.test(key)) throw err;", why: "regex describing the shape" }
    ]
  }
});
var unknownEnvApiKey = defineRule({
  id: "medblocks/unknown-env-api-key",
  title: "Medblocks API key (undocumented environment)",
  description: "An mb_sk_<env>_ key for an environment the docs do not list (staging, prod, \u2026). Every mb_sk_ key is secret: Medblocks has no publishable key type, so a browser copy is a workspace credential leak.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["mb_sk_"],
  remediation: KEY_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mb_sk_(?!(?:live|sbx|test)_)(?<env>[a-z][a-z0-9]{1,11})_(?<body>[A-Za-z0-9]{8,128}))(?![A-Za-z0-9])/,
  window: { before: 16, after: 160 },
  validate: keyVerdict,
  examples: {
    positive: [
      {
        text: "MEDBLOCKS_API_KEY=mb_sk_stg_KooARdUV3drHelbqvxwVQMdlZMvSPR4L\n",
        secret: "mb_sk_stg_KooARdUV3drHelbqvxwVQMdlZMvSPR4L",
        path: ".env.staging"
      },
      {
        text: 'const mb = new Medblocks("mb_sk_prod_YZDQbodqRlpJ1BWzn6qtUbdiE3K9lz6r");',
        secret: "mb_sk_prod_YZDQbodqRlpJ1BWzn6qtUbdiE3K9lz6r"
      },
      {
        text: 'e.headers={Authorization:"Bearer mb_sk_dev_6zTFfJNY8oUdi6IqhkgMbFHw7hMdrNHX"};',
        secret: "mb_sk_dev_6zTFfJNY8oUdi6IqhkgMbFHw7hMdrNHX"
      }
    ],
    negative: [
      {
        text: 'const k = "mb_sk_test_oQWIQyIOOBm82iTEIM3boN0QgBzbZHVC";',
        why: "mb_sk_test_ is not a Medblocks prefix (unrelated API)"
      },
      {
        text: 'new Medblocks("mb_sk_live_IvhnXqk7OEXxY2dGDZBMvQDoCkDb1au5")',
        why: "a live key is medblocks/live-api-key's finding, not this rule's"
      },
      {
        text: 'new Medblocks("mb_sk_sbx_kRWRPpmEQYEZpchJnjyXj53mA8zt3hkJ")',
        why: "a sandbox key is medblocks/sandbox-api-key's finding, not this rule's"
      },
      { text: "Keys look like mb_sk_<env>_... where env is live or sbx.", why: "documentation prose" },
      { text: "MEDBLOCKS_API_KEY=mb_sk_stg_xxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: 'const other = "bmb_sk_prod_VKFppBilVFXCOcK7lQesAyKnjFl5MzwL";',
        why: "bmb_sk_ is another product; a word boundary is required before mb_"
      }
    ]
  }
});
var WHSEC_PATTERN = /(?<![A-Za-z0-9_])(?<secret>whsec_[A-Za-z0-9+/=_-]{24,128})(?![A-Za-z0-9+/=_-])/;
var webhookSecret = defineRule({
  id: "medblocks/webhook-secret",
  title: "Medblocks webhook signing secret",
  description: "The whsec_ secret keys the HMAC in Medblocks-Signature. Whoever holds it can forge webhook events (patient connected, records ready) that your backend will accept as genuine.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["whsec_"],
  remediation: WEBHOOK_REMEDIATION,
  references: ["https://medblocks.com/docs"],
  pattern: WHSEC_PATTERN,
  window: { before: 16, after: 160 },
  validate: (ctx) => hasMedblocksContext(ctx),
  examples: {
    positive: [
      {
        text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e"\n',
        secret: "whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e",
        path: ".env"
      },
      {
        text: 'const event = Medblocks.webhooks.constructEvent(rawBody, req.headers["medblocks-signature"], "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f");',
        secret: "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f"
      },
      {
        text: 'import { Medblocks } from "@medblocks/connect";\nconst signingSecret = "whsec_88MT8HT9PGKHKG0A8455MV32BM21b0cb11f6450d37258a82cd770ae5fb";\n',
        secret: "whsec_88MT8HT9PGKHKG0A8455MV32BM21b0cb11f6450d37258a82cd770ae5fb",
        path: "src/components/WebhookDebug.tsx"
      },
      {
        text: "VITE_MEDBLOCKS_WEBHOOK_SECRET=whsec_ATTGYG807R3HXAAYPSDMRR5BBXe74357a0096937cdc0a348364b4dc355\n",
        secret: "whsec_ATTGYG807R3HXAAYPSDMRR5BBXe74357a0096937cdc0a348364b4dc355",
        path: ".env"
      }
    ],
    negative: [
      {
        text: '{"id":"wh_01J9YR9N3X4VZ6P2K5RH7M3LMP","secret":"whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789"} // Medblocks docs',
        why: "the Medblocks documentation sample secret"
      },
      { text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_..."', why: "documentation placeholder" },
      {
        text: "// Medblocks returns the secret once, e.g. whsec_01J9YR9N3X4VZ6P2K5RH7M3LMP\u2026",
        why: "the elided Medblocks documentation sample (doc ULID)"
      },
      {
        text: 'const signingSecret = "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a";',
        why: "no Medblocks context: reported once, as webhook/signing-secret (vendor unknown)"
      },
      {
        text: "Medblocks-Signature: t=1745580000,v1=a1a95e224fb179b3789bbdfd350669b5ce39cd77b078a48802efbfeb7bd6dace",
        why: "a captured signature is a one-off MAC, not the key"
      },
      {
        text: 'const endpoint = { id: "wh_RS2XMWNM5CA4DM5RHZQ1C59YK5", events: ["evt_7BB2EVBRF99J7S4CFKC82NJSVS"] }; // medblocks',
        why: "webhook endpoint and event ids are public identifiers"
      },
      {
        text: "router.push(`/done?patient_session_id=ps_T3KTQ3VWTCY4QP5K9FB39ZN628&connection_id=conn_GAJTXBV3YDE50B919N5RBDJ0BF&source=fhirsrc_UPAFgzpu9HRVZPQ3Q25depwD`) // medblocks return params",
        why: "session, connection and source ids come back to the browser by design"
      },
      {
        text: 'const secret = requireEnv("MEDBLOCKS_WEBHOOK_SECRET");',
        why: "env lookup without a value"
      }
    ]
  }
});
var genericWebhookSecret = defineRule({
  id: "webhook/signing-secret",
  title: "Webhook signing secret (vendor unknown)",
  description: "A whsec_ webhook signing secret (Stripe, Svix / Standard Webhooks and others use the prefix). In a browser bundle it lets anyone forge webhook deliveries that the receiving backend will trust.",
  severity: "high",
  confidence: "fuzzy",
  keywords: ["whsec_"],
  remediation: "Rotate the signing secret with the vendor that issued it and keep it only in server-side secret storage; verify webhooks on your backend, never in client code.",
  pattern: WHSEC_PATTERN,
  window: { before: 16, after: 160 },
  // A bare cooked value has no surroundings to judge attribution by: the raw layer decides, so a
  // Medblocks secret is never reported twice (once per rule).
  validate: (ctx) => hasMedblocksContext(ctx) ? false : {
    message: "Webhook signing secret (vendor unknown): nothing nearby attributes this whsec_ value to a vendor."
  },
  examples: {
    positive: [
      {
        text: 'const signingSecret = "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a";',
        secret: "whsec_BXYCDKXRGEQHH6ZW2RYHQYJF3S6037578f5536c1579fbbdb0a7524c62a"
      },
      {
        text: 'import { Webhook } from "svix";\nconst wh = new Webhook("whsec_ycV1GbG9KzNrvRY9OlM3+GuHIdnKyFygI9pywwnEro5=");\n',
        secret: "whsec_ycV1GbG9KzNrvRY9OlM3+GuHIdnKyFygI9pywwnEro5="
      },
      {
        text: "WEBHOOK_SECRET=whsec_CZ9QOUe/mByu5cckBJRxfkG/o6u/G4FrxrQp9sNca9x=\n",
        secret: "whsec_CZ9QOUe/mByu5cckBJRxfkG/o6u/G4FrxrQp9sNca9x=",
        path: ".env"
      },
      {
        text: 'const event = stripe.webhooks.constructEvent(body, sig, "whsec_XiMR08VrFjn2rBY7RQHR4rfxg5MeyuX6KxODv9gTl2q=");',
        secret: "whsec_XiMR08VrFjn2rBY7RQHR4rfxg5MeyuX6KxODv9gTl2q="
      }
    ],
    negative: [
      {
        text: 'MEDBLOCKS_WEBHOOK_SECRET="whsec_V0HV1B3ESXQHSSC3TQ3EFG20QA08ac732f493fb15f5f0ab585639ce28e"',
        why: "Medblocks context: reported once, as medblocks/webhook-secret"
      },
      {
        text: 'Medblocks.webhooks.constructEvent(rawBody, signature, "whsec_HAT469EW1HTK15N1AM941790HQ07aa40ec4ce7ce15f3231325e0ad093f")',
        why: "Medblocks context: reported once, as medblocks/webhook-secret"
      },
      { text: 'WEBHOOK_SECRET="whsec_..."', why: "documentation placeholder" },
      {
        text: 'secret: "whsec_01J9YR9N3X4VZ6P2K5RH7M3LMPabcdef0123456789abcdef0123456789" // example from the API reference',
        why: "the Medblocks documentation sample secret, without naming Medblocks"
      },
      { text: "WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "filler placeholder" },
      {
        text: "webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
        why: "a per-message signature, not the signing secret"
      },
      {
        text: "stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET)",
        why: "env lookup without a value"
      }
    ]
  }
});
var rules4 = [
  liveApiKey,
  sandboxApiKey,
  unknownEnvApiKey,
  webhookSecret,
  genericWebhookSecret
];
var medblocks_default = rules4;

// rules/private-keys.ts
init_rule_kit();
function bodyLength(body) {
  return body.replace(/\\\\[nrt]|\\[nrt]|\s/g, "").length;
}
function pemVerdict(ctx) {
  if (ELISION2.test(ctx.secret)) return false;
  if (bodyLength(ctx.groups.body ?? "") < 50) return false;
  if (ctx.kind !== "text" && /\\\\[nr]/.test(ctx.groups.body ?? "")) return false;
  const label = ctx.groups.label ?? "";
  if (label.startsWith("PGP")) return { title: "PGP private key block" };
  if (label.includes("ENCRYPTED") || /Proc-Type: 4,ENCRYPTED/.test(ctx.groups.headers ?? "")) {
    return {
      severity: "high",
      title: "Encrypted private key",
      message: "An encrypted private key: the passphrase protects it, but it is offline-crackable and often sits next to that passphrase."
    };
  }
  return true;
}
var pem = defineRule({
  id: "private-key/pem",
  title: "PEM private key",
  description: "A PEM private key (PKCS#8, RSA, EC, DSA, OpenSSH, PGP) in client code lets anyone sign as its owner: SMART on FHIR client assertions, JWTs, TLS or SSH identities. Medblocks requires these to stay server-side.",
  severity: "critical",
  confidence: "exact",
  keywords: ["-----begin"],
  remediation: "Replace the key pair: remove the old public half from every JWKS / authorized_keys / EHR registration, generate a new pair on the server, publish the new public key (update the JWKS), and keep the private key in server-side secret storage only.",
  // Header lines (legacy encrypted PEM, PGP armor) sit between BEGIN and the body. The body class has no
  // `-` and no `.`, so a body stops at the END line and a truncated `MIIEv...` sample never matches.
  pattern: /(?<secret>-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|SSH2 ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<headers>(?:(?:\r?\n|\\r\\n|\\n)(?:Proc-Type|DEK-Info|Version|Comment|Hash|Charset|MessageID): [^\r\n\\]{1,200}){0,8})(?<body>[A-Za-z0-9+/=\s\\]{50,10000})-----END \k<label>-----)/,
  window: { before: 16, after: 12e3 },
  allowPlaceholders: true,
  validate: pemVerdict,
  examples: {
    // Positive 1 is a one-line PEM inside a JS string: its secret is the cooked string value (real
    // newlines), as the engine's JS string layer reports it. The other one-line forms (.env in single
    // quotes, YAML) keep their "\n" escapes in the secret, exactly as written.
    positive: [
      {
        text: "export const SMART_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----\nI9OfXSfXRGMqnsRgH8WMxGecuG40p4KjS+HTX9zoygPEri84J0C8mYj6+xlUZzc2\na4n0xq3vqGgn5e/Ru9wQsCOOKaq7LnVbBMlrXuWgRkTepWC3csdDFkFMSLoahO9k\nrj33skCknnFj/77WrYGWtg4/8+9CvCbKriOuSX7otD/LKzuugVVyboUbIvCyH+1u\ncTGkqMlr2z9461P9Xpaoj4gPTvA+sRMQv++QZLLMC4u1uI0VprtVcJvfReellHxJ\nGrjGIOANO+IsPU2BrgCoIy+g8jgUakfsevpRowkCdINL2LHxzpSQHegwMLHSmTB2\nB/f9sMnk1SNnj6ssUGJiTwLY0b7Jz28/rBw6EDjLQBW0KJW2T356kRuEoAiB3qLA\n4nr/mrKuW6NZ+QlFzr2OaDmglO0XT56FtC6ZBIwjxzMHs2P6Bp8SCRq59zHIZjaN\nn3ojxfBjikv7sVaLx7IQ14ZZASoenyVYfqasteyVBg5IQ8rr+cgSBQLkezpifXnN\nwEAaq48drznPSAy37Og+pAwYXJ96x0S2ZYLvK+l64sGCRm3XZTxixMilQZIAPqLF\nt2zv4YABvZnlg2AiRDeXS0ybnlSDbXscQWWj5ZeZuqAsjyFlwDgJTFXTbB/+SEn+\nTGg4otFfNBtYbRp2NfiEw8GoONjj0oC5tucbOwjv8KKKL52ITcdCSLzeEWWEx7iY\nGRc5MQ6myzuSifPyUy18J+oVOVrYUzNoYNv+/7sKOS3OH1IqwL8Dk4ecZMkDlyiU\nqhUQN68sGu967oKXWZHy4IDRbbvHmrI1OfWS/laTE/ckuJCZScoW/0XARl+QEBFv\nW+Y1gJY4r8oEKscd+ybnbAtf6yi6oVCH8sLdjDMuEjvGyAhJ7Of51rZbpm98/Mqz\nbWMqHrIk4yNmEFDq9jziVS2BaiGdrD6FvBtv6MRcy/JdfASpQGpF8txpxzYkw6aj\n1GuWeVSu55prIk+vfmWXcbhBkdeLxzezcYRGeu3l9vkPIxUiJvuQR0weKZkJiBNg\nu0hitKzjk2NwdelUEN/O3mGYAIsDMKVCX5bptzrdDrNqGdaro6E4IyDvS+t+k480\nwaAnhFrKJazCEDJGEiYmK/SmQhL8iYGAOZivDpXcj3A+y70AfZmw7iV/rhqXSZLu\ncr7YObRbjTnvn2uKmKAk/hBU0oertVbnj51L8J6TnDJin2P65zQ4rYQL2mvuPliT\n13HBPsylCkytFF9GBxBY1RhLtvCKKG9HZ2eQzJTNFZVyiL16MaoYojM/Sz4eRjpe\nUv85/WgQcMN3hgjBwFlOwJr6uGPTQ/n8YZJPx2FZP80l2CpqD7Z/50RlEDADOPEj\nFA7iwHXbpNlzwpN38QD9Kwgs7DQnHoSwMzeYU5JxzZYPrEWBG19atLBUHgGpH1Aj\nQy5/75ySvWb0MrZTTgmWL4+dcdrR5oFWsvLCBv9eqdtEv0I/P4MKqInbuSi54UXd\n3PIxxlI7mauspoQUm/2UNfNeWFXP909XJyXFxlGVWINpLdYN2VDHlSc5VxJfMmeL\n2QfanT0xNY19ujMdaLkuRVKXcNq0WpCgC7LPl+PEtwKnWHjIPg3=\n-----END PRIVATE KEY-----`;\n",
        secret: "-----BEGIN PRIVATE KEY-----\nI9OfXSfXRGMqnsRgH8WMxGecuG40p4KjS+HTX9zoygPEri84J0C8mYj6+xlUZzc2\na4n0xq3vqGgn5e/Ru9wQsCOOKaq7LnVbBMlrXuWgRkTepWC3csdDFkFMSLoahO9k\nrj33skCknnFj/77WrYGWtg4/8+9CvCbKriOuSX7otD/LKzuugVVyboUbIvCyH+1u\ncTGkqMlr2z9461P9Xpaoj4gPTvA+sRMQv++QZLLMC4u1uI0VprtVcJvfReellHxJ\nGrjGIOANO+IsPU2BrgCoIy+g8jgUakfsevpRowkCdINL2LHxzpSQHegwMLHSmTB2\nB/f9sMnk1SNnj6ssUGJiTwLY0b7Jz28/rBw6EDjLQBW0KJW2T356kRuEoAiB3qLA\n4nr/mrKuW6NZ+QlFzr2OaDmglO0XT56FtC6ZBIwjxzMHs2P6Bp8SCRq59zHIZjaN\nn3ojxfBjikv7sVaLx7IQ14ZZASoenyVYfqasteyVBg5IQ8rr+cgSBQLkezpifXnN\nwEAaq48drznPSAy37Og+pAwYXJ96x0S2ZYLvK+l64sGCRm3XZTxixMilQZIAPqLF\nt2zv4YABvZnlg2AiRDeXS0ybnlSDbXscQWWj5ZeZuqAsjyFlwDgJTFXTbB/+SEn+\nTGg4otFfNBtYbRp2NfiEw8GoONjj0oC5tucbOwjv8KKKL52ITcdCSLzeEWWEx7iY\nGRc5MQ6myzuSifPyUy18J+oVOVrYUzNoYNv+/7sKOS3OH1IqwL8Dk4ecZMkDlyiU\nqhUQN68sGu967oKXWZHy4IDRbbvHmrI1OfWS/laTE/ckuJCZScoW/0XARl+QEBFv\nW+Y1gJY4r8oEKscd+ybnbAtf6yi6oVCH8sLdjDMuEjvGyAhJ7Of51rZbpm98/Mqz\nbWMqHrIk4yNmEFDq9jziVS2BaiGdrD6FvBtv6MRcy/JdfASpQGpF8txpxzYkw6aj\n1GuWeVSu55prIk+vfmWXcbhBkdeLxzezcYRGeu3l9vkPIxUiJvuQR0weKZkJiBNg\nu0hitKzjk2NwdelUEN/O3mGYAIsDMKVCX5bptzrdDrNqGdaro6E4IyDvS+t+k480\nwaAnhFrKJazCEDJGEiYmK/SmQhL8iYGAOZivDpXcj3A+y70AfZmw7iV/rhqXSZLu\ncr7YObRbjTnvn2uKmKAk/hBU0oertVbnj51L8J6TnDJin2P65zQ4rYQL2mvuPliT\n13HBPsylCkytFF9GBxBY1RhLtvCKKG9HZ2eQzJTNFZVyiL16MaoYojM/Sz4eRjpe\nUv85/WgQcMN3hgjBwFlOwJr6uGPTQ/n8YZJPx2FZP80l2CpqD7Z/50RlEDADOPEj\nFA7iwHXbpNlzwpN38QD9Kwgs7DQnHoSwMzeYU5JxzZYPrEWBG19atLBUHgGpH1Aj\nQy5/75ySvWb0MrZTTgmWL4+dcdrR5oFWsvLCBv9eqdtEv0I/P4MKqInbuSi54UXd\n3PIxxlI7mauspoQUm/2UNfNeWFXP909XJyXFxlGVWINpLdYN2VDHlSc5VxJfMmeL\n2QfanT0xNY19ujMdaLkuRVKXcNq0WpCgC7LPl+PEtwKnWHjIPg3=\n-----END PRIVATE KEY-----",
        path: "src/lib/smart-auth.ts"
      },
      {
        text: 'const pem = "-----BEGIN RSA PRIVATE KEY-----\\nfYrPA4DNrfl+MeWVG9lJfQ1wJ24guRDTYP9rl4Slv25ynbABsYHQtfIcmwvihTkV\\nzvUANF9lnxzimrXgJYgGbeaxHTj6oBfEznNuN3SBZwRIyRpOFxZKOFSBOR/zC5jh\\ng02g5EdaW+JOwm8IFzi0oEpKAQAozmiVavHSOEwfneinTJ3BoyJoN+XadxrQId7l\\n/Tm+LHQlP0smTmJY7mh5AMfQRu7KK6+eBrwMVLrnFg6GaQaqgTSNANDH/B7RzvDK\\nBZGl7FEtIz55HHb5fvOQCg+PKrVVwc2rTMZAM1OedW0VOSbU4MCDCbeoPef2YeX6\\n1DrjId1fPweisNqITjwI4eJhXsRHgUed1ACtzwNnY2h+GcB+dbahkPxRTLU/7y0j\\nQetdYAQ+1kqvlVeBm48h7MVpemMxpVum1oFOxW0YPOYM6NzJkwlZGvPJGuTIMXE4\\nY2BPWHYKgDugHRnMhvQiayMz0yysVgmlfjirCVroXYUgQlPXIYCSUTpncnbgPNxW\\nsKeQXqzn3ciSRJGNhwsgktF1dcJSWf/lVMRBpUEDO1LbqLC5UN8eJYnt50ic4E8c\\nnczIvDGj8M2u8jpEuSCebNsbarLhVIKNCieTPQoqcr0QZf+ynHXy7iXCb0PBHZmV\\neoVdryB/+DpqEfzhEhYnbs0DxtOuZfVW0veQYDIUBsHrL6+b3WdgqVxG4iX49fIf\\n6qGWZcQz1EAXwe9r1gZe/REh2KgQJnJuwxyak88YctOjZFqgEo8osMiseGC0YZSn\\nhlu+/GkzPvV1KSk69x1rMw9IhNVSKKysDxZKmhW1Jo3=\\n-----END RSA PRIVATE KEY-----\\n";\nconst key = await importPKCS8(pem, "RS384");\n',
        secret: "-----BEGIN RSA PRIVATE KEY-----\nfYrPA4DNrfl+MeWVG9lJfQ1wJ24guRDTYP9rl4Slv25ynbABsYHQtfIcmwvihTkV\nzvUANF9lnxzimrXgJYgGbeaxHTj6oBfEznNuN3SBZwRIyRpOFxZKOFSBOR/zC5jh\ng02g5EdaW+JOwm8IFzi0oEpKAQAozmiVavHSOEwfneinTJ3BoyJoN+XadxrQId7l\n/Tm+LHQlP0smTmJY7mh5AMfQRu7KK6+eBrwMVLrnFg6GaQaqgTSNANDH/B7RzvDK\nBZGl7FEtIz55HHb5fvOQCg+PKrVVwc2rTMZAM1OedW0VOSbU4MCDCbeoPef2YeX6\n1DrjId1fPweisNqITjwI4eJhXsRHgUed1ACtzwNnY2h+GcB+dbahkPxRTLU/7y0j\nQetdYAQ+1kqvlVeBm48h7MVpemMxpVum1oFOxW0YPOYM6NzJkwlZGvPJGuTIMXE4\nY2BPWHYKgDugHRnMhvQiayMz0yysVgmlfjirCVroXYUgQlPXIYCSUTpncnbgPNxW\nsKeQXqzn3ciSRJGNhwsgktF1dcJSWf/lVMRBpUEDO1LbqLC5UN8eJYnt50ic4E8c\nnczIvDGj8M2u8jpEuSCebNsbarLhVIKNCieTPQoqcr0QZf+ynHXy7iXCb0PBHZmV\neoVdryB/+DpqEfzhEhYnbs0DxtOuZfVW0veQYDIUBsHrL6+b3WdgqVxG4iX49fIf\n6qGWZcQz1EAXwe9r1gZe/REh2KgQJnJuwxyak88YctOjZFqgEo8osMiseGC0YZSn\nhlu+/GkzPvV1KSk69x1rMw9IhNVSKKysDxZKmhW1Jo3=\n-----END RSA PRIVATE KEY-----"
      },
      {
        text: 'SMART_PRIVATE_KEY="-----BEGIN EC PRIVATE KEY-----\nbqeFDfuvuEgHuTI5StLguq+rDofm+MwlX/ydcoPxrc942UMUbd8R+ncrW9nWenlc\nh8Qej9U3xMSKxiMKDCH7uqOjvFssSGVDsglId/YqdjVfMHn1LaW3l+c3GKDC+H+C\njKTDGCr/AY0tk5LFY+jR9XsiH/3Ny/CRYo==\n-----END EC PRIVATE KEY-----"\n',
        secret: "-----BEGIN EC PRIVATE KEY-----\nbqeFDfuvuEgHuTI5StLguq+rDofm+MwlX/ydcoPxrc942UMUbd8R+ncrW9nWenlc\nh8Qej9U3xMSKxiMKDCH7uqOjvFssSGVDsglId/YqdjVfMHn1LaW3l+c3GKDC+H+C\njKTDGCr/AY0tk5LFY+jR9XsiH/3Ny/CRYo==\n-----END EC PRIVATE KEY-----",
        path: ".env"
      },
      {
        text: "-----BEGIN OPENSSH PRIVATE KEY-----\n5x623McKoaUyGMHMoXGAIzgmlR/hIAltQ3FNVCIMfBGUAYd+W0+/EAK+2igxX5AW\nm5siF6AEwrsLz4Snegnu9GNYXjO3df4QUSun0yDRby3LrHcXtWDWWYZX/wdsWN93\nk6A8HdoDIEmmGKONvU/Ble5fgOHB0HuRLFw7onANjhlA/xhMuOzK/6NJOqo1OD2y\nYNV1WsycY6YFqYmU6x3QHb/yd7C2j6D4r2n3PH4Wewy5Ou3W7UIJo8FMTGhXduW1\npa3CpaaTzOCMpygUFvPPTIxcPR10egDwEW4zNGPn+IJCGtie2OvE8SaRJllIdxmH\nA+oAwbvmazCqFFDbPR1y/u/QDZija/F3AeBbedK1xbhmAjb4dOAfp3s3Jmnvjk7R\n/u9bbg152mAUX/8BkRzVxFVkcGnZQrJ3LPzD4Pl6xZUtORdOmOqcXQhk1FY6rAJ9\nP6PV0yanOr4PBmDk+IjZpFR1zYCjFGd4RHt1Tj7+C0aoIetWnh+EDWrKQJdu9GIM\nrpE52s5b9OMFj7pSW8qK\n-----END OPENSSH PRIVATE KEY-----\n",
        secret: "-----BEGIN OPENSSH PRIVATE KEY-----\n5x623McKoaUyGMHMoXGAIzgmlR/hIAltQ3FNVCIMfBGUAYd+W0+/EAK+2igxX5AW\nm5siF6AEwrsLz4Snegnu9GNYXjO3df4QUSun0yDRby3LrHcXtWDWWYZX/wdsWN93\nk6A8HdoDIEmmGKONvU/Ble5fgOHB0HuRLFw7onANjhlA/xhMuOzK/6NJOqo1OD2y\nYNV1WsycY6YFqYmU6x3QHb/yd7C2j6D4r2n3PH4Wewy5Ou3W7UIJo8FMTGhXduW1\npa3CpaaTzOCMpygUFvPPTIxcPR10egDwEW4zNGPn+IJCGtie2OvE8SaRJllIdxmH\nA+oAwbvmazCqFFDbPR1y/u/QDZija/F3AeBbedK1xbhmAjb4dOAfp3s3Jmnvjk7R\n/u9bbg152mAUX/8BkRzVxFVkcGnZQrJ3LPzD4Pl6xZUtORdOmOqcXQhk1FY6rAJ9\nP6PV0yanOr4PBmDk+IjZpFR1zYCjFGd4RHt1Tj7+C0aoIetWnh+EDWrKQJdu9GIM\nrpE52s5b9OMFj7pSW8qK\n-----END OPENSSH PRIVATE KEY-----",
        path: "public/deploy/id_ed25519"
      },
      {
        text: "# single quotes: dotenv keeps the \\n escapes as written\nJWT_SIGNING_KEY='-----BEGIN ENCRYPTED PRIVATE KEY-----\\nRThJElKrT4IZNgQoNn1P3HC2w9jAEWQkkrMGpWk0TSfo1geRWPwXBdcD9vBdrgtQ\\nvsB6tIGxdvi7MMG22XDWFwtUkQmG7ujseZSSV5OGsmhYmO7cAUWNpY+aiZTacZGZ\\n4I4Yi/321+mUItw8Jn4LSMW/KLbZaKqwxeoH0JpOHWAl/aA4Z9KvFIjgB+KMaI4T\\nHX6oykzhNgUk92yRLc7pOxSfC9ccIw+Im1C3p4mtgI+qJd4YZ0xzSQLXNBkNBtJ4\\nJNDGqJQnMyW/WPfe2dPu/3t731O0Fv2bVxpk4r6iI9ksUxf6ON13TWaeXm5=\\n-----END ENCRYPTED PRIVATE KEY-----'\n",
        secret: "-----BEGIN ENCRYPTED PRIVATE KEY-----\\nRThJElKrT4IZNgQoNn1P3HC2w9jAEWQkkrMGpWk0TSfo1geRWPwXBdcD9vBdrgtQ\\nvsB6tIGxdvi7MMG22XDWFwtUkQmG7ujseZSSV5OGsmhYmO7cAUWNpY+aiZTacZGZ\\n4I4Yi/321+mUItw8Jn4LSMW/KLbZaKqwxeoH0JpOHWAl/aA4Z9KvFIjgB+KMaI4T\\nHX6oykzhNgUk92yRLc7pOxSfC9ccIw+Im1C3p4mtgI+qJd4YZ0xzSQLXNBkNBtJ4\\nJNDGqJQnMyW/WPfe2dPu/3t731O0Fv2bVxpk4r6iI9ksUxf6ON13TWaeXm5=\\n-----END ENCRYPTED PRIVATE KEY-----",
        path: ".env.production"
      },
      {
        text: "const armoredKey = `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: OpenPGP.js v5.11.2\nComment: https://openpgpjs.org\n\nsnEHp4QG9BIRCmuKUm9RbaRm6UhKVQPksXj95hdF6cqEIVs7KCqGLKOS+ItEDZBk\nErve/FM6QXX4T5IVZp1b6p0BM0ZpdeYe1r1s6WCyF0Wm8UUbhi2++ZPQctnE0MT/\naXra18UWDfMQP7yTTzLc8+6IOZrAMdiwCE368eiczzjzf/wLEKzV2zpEhnUjKidy\n7OIo9R8AasxLHKqnIb6D4udSB2cRlIw6HoWmG7M1LOz94OcKgovanDSlhf6p3NM5\nAtkE5gXSFcjOYtORCSD5g3H++CTeb3Z0Y/I81MOMRBiSARR/4lJSv8dDN9W+wjy8\n7q2jUQ4VTJ67c06RcZjkg7uAV/LSNtC68eyt1Lvip1lr2WVct3JmuQvGNkXoKumw\naPuJkIk60ru/yL+jGEpUih/FnoNzIppTEfKn/34oDtRWB8VBAvfTUmwjXttY/EcC\nV27MupzFEFKG1t10bvF1K1hK/w/QbJLTyaetPDz9R2GLNPGoQ3XFZ5U+M3GowTD/\nuc6w+co8i8El3QELty0yTQS7TmJqcmxNpNnRhPeWmCegSw5S\n=pZse\n-----END PGP PRIVATE KEY BLOCK-----`;\nconst privateKey = await openpgp.readPrivateKey({ armoredKey });\n",
        secret: "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: OpenPGP.js v5.11.2\nComment: https://openpgpjs.org\n\nsnEHp4QG9BIRCmuKUm9RbaRm6UhKVQPksXj95hdF6cqEIVs7KCqGLKOS+ItEDZBk\nErve/FM6QXX4T5IVZp1b6p0BM0ZpdeYe1r1s6WCyF0Wm8UUbhi2++ZPQctnE0MT/\naXra18UWDfMQP7yTTzLc8+6IOZrAMdiwCE368eiczzjzf/wLEKzV2zpEhnUjKidy\n7OIo9R8AasxLHKqnIb6D4udSB2cRlIw6HoWmG7M1LOz94OcKgovanDSlhf6p3NM5\nAtkE5gXSFcjOYtORCSD5g3H++CTeb3Z0Y/I81MOMRBiSARR/4lJSv8dDN9W+wjy8\n7q2jUQ4VTJ67c06RcZjkg7uAV/LSNtC68eyt1Lvip1lr2WVct3JmuQvGNkXoKumw\naPuJkIk60ru/yL+jGEpUih/FnoNzIppTEfKn/34oDtRWB8VBAvfTUmwjXttY/EcC\nV27MupzFEFKG1t10bvF1K1hK/w/QbJLTyaetPDz9R2GLNPGoQ3XFZ5U+M3GowTD/\nuc6w+co8i8El3QELty0yTQS7TmJqcmxNpNnRhPeWmCegSw5S\n=pZse\n-----END PGP PRIVATE KEY BLOCK-----"
      },
      {
        text: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,C2908C0F79F9C7F1\n\niFC9jk7nIhJFbV61BppymtUkC9r9LyvS/j9Cu37qmZtLHlK4YRIISKthv7JR5LIB\n0b3x7U/V6DM5KWTIYHh4fiW7ExSxa9ZWrCoCkmG6kIHw+F62zwF4QPNgZ2wlK8X2\n59Xq9JKJRfOyNOZ5CC06ChAbbWXna9A+tREL1NoHij4rch/aW9gNxp3vCVimLK12\n1379rGRgakjUZHvGZTYr3KJo/GKppMAXTCwYpKe4K3I9CIJJd5P7Nnz0JvdhSHqp\nN3+AUHJak1roUoUzn285Hvmziw1NWtlRM3dTNs8kzcqJWmeVdWfVf3q+JK6+ixAz\ntv4zvXxuZQPw4eXujtq4Czy11noz5nIoytabI3lYFFqcqKGAUV0RQAANef1VBllW\n6KHRc9qNUkzQKPCSEdvsOsgjaeMVqvo2Kdvbb4HZgoLwQ+ruXXUE2MtiGHWy2RNm\n0lgroqop2HWbDdBWY3AHrk+Lq26ou88vcQ99sG7NuKMLehMmcWRQaL/Hak613ApQ\nl5dc4Jr/5wr3YlMZY2srwYxv2HgZFY8er/soTkjZORNtLa5dIWB1Wx//CNYxYMMh\n0GcSp6ra0VBMo1rXmASqC7X9FbGQVGX5/9HBnD13Y7RS8KbGbJ2ize85hY81Eu1o\ndOu3f0v+eaZukx4Ik7Rb/skJTEg3uSSCR13H3XuDe34U7qrBO+3KbPnV+5pvHDPD\n8YHA1w2luTnUw3U33ry5VMsSMOZUYZmOcvpopLjO79HKF0CVeiRjubN6BkE3YDkg\nqv2rZQJ20Kx3tUOLCPXYtofL8m4Nfn2O7cxIFkab+CIoqQMZbyxQmDuwO4l+hFZF\nUnxmxVT/j04o72m5H5UHRJ==\n-----END RSA PRIVATE KEY-----\n",
        secret: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,C2908C0F79F9C7F1\n\niFC9jk7nIhJFbV61BppymtUkC9r9LyvS/j9Cu37qmZtLHlK4YRIISKthv7JR5LIB\n0b3x7U/V6DM5KWTIYHh4fiW7ExSxa9ZWrCoCkmG6kIHw+F62zwF4QPNgZ2wlK8X2\n59Xq9JKJRfOyNOZ5CC06ChAbbWXna9A+tREL1NoHij4rch/aW9gNxp3vCVimLK12\n1379rGRgakjUZHvGZTYr3KJo/GKppMAXTCwYpKe4K3I9CIJJd5P7Nnz0JvdhSHqp\nN3+AUHJak1roUoUzn285Hvmziw1NWtlRM3dTNs8kzcqJWmeVdWfVf3q+JK6+ixAz\ntv4zvXxuZQPw4eXujtq4Czy11noz5nIoytabI3lYFFqcqKGAUV0RQAANef1VBllW\n6KHRc9qNUkzQKPCSEdvsOsgjaeMVqvo2Kdvbb4HZgoLwQ+ruXXUE2MtiGHWy2RNm\n0lgroqop2HWbDdBWY3AHrk+Lq26ou88vcQ99sG7NuKMLehMmcWRQaL/Hak613ApQ\nl5dc4Jr/5wr3YlMZY2srwYxv2HgZFY8er/soTkjZORNtLa5dIWB1Wx//CNYxYMMh\n0GcSp6ra0VBMo1rXmASqC7X9FbGQVGX5/9HBnD13Y7RS8KbGbJ2ize85hY81Eu1o\ndOu3f0v+eaZukx4Ik7Rb/skJTEg3uSSCR13H3XuDe34U7qrBO+3KbPnV+5pvHDPD\n8YHA1w2luTnUw3U33ry5VMsSMOZUYZmOcvpopLjO79HKF0CVeiRjubN6BkE3YDkg\nqv2rZQJ20Kx3tUOLCPXYtofL8m4Nfn2O7cxIFkab+CIoqQMZbyxQmDuwO4l+hFZF\nUnxmxVT/j04o72m5H5UHRJ==\n-----END RSA PRIVATE KEY-----",
        path: "static/legacy.key"
      },
      {
        text: 'signer:\n  private_key: "-----BEGIN DSA PRIVATE KEY-----\\nsjiQEsvwNQdKfdta6S5ww5els16vIVTSjWOCIdy3WEFARmgR8Cj1EDnIS5UP4y8X\\nWSasj7RISYHUcHmQpd0qcn2QjdQCUk2jkK5TOaOjhIs7LVQjCWEuYF5yG496ZTV3\\n5/IBdo5cXzH30IG0zMti55EPXo7TGLjDs1FR23mMTiNvLdWpuKMsigzjETIvLGrE\\nuuJS2lvlI/aA0DVh+FfRga3yHTjCK6ji9W5I1JE4yST8mDj2Izq1Ilc8hSIxfSXf\\nHSl+VP/siS7lAoiwe3ZS1TeK5y5WHGas+XV7yxXWkVpKlACBKrzSZKES/Ix7KAR0\\nXTisssmUW1oHOvLkNfsN6pk3DspUJkG3qP+uu2yT7Hfr6zDVIYmrAS9wljJUg2L7\\nbbWFV29oOyamZd/qWxRjnw6Tv6eOkgAN2iOXuOvSBfBwevZdjemJARSTzHru2s3o\\nLNgLujj06MfRvSkugc6HmeCIe8AvB4gtCcKXo0xCdNhrRA295DFv8X8JYwiqsT3s\\nq7vYSVlWgrGSk+25JbcsnN7l65huBJYRmc5Tx4qoHQF9vrjKzSRCLT3clgnbcr62\\nSSXQOtPTTfd8/1f9\\n-----END DSA PRIVATE KEY-----"\n',
        secret: "-----BEGIN DSA PRIVATE KEY-----\\nsjiQEsvwNQdKfdta6S5ww5els16vIVTSjWOCIdy3WEFARmgR8Cj1EDnIS5UP4y8X\\nWSasj7RISYHUcHmQpd0qcn2QjdQCUk2jkK5TOaOjhIs7LVQjCWEuYF5yG496ZTV3\\n5/IBdo5cXzH30IG0zMti55EPXo7TGLjDs1FR23mMTiNvLdWpuKMsigzjETIvLGrE\\nuuJS2lvlI/aA0DVh+FfRga3yHTjCK6ji9W5I1JE4yST8mDj2Izq1Ilc8hSIxfSXf\\nHSl+VP/siS7lAoiwe3ZS1TeK5y5WHGas+XV7yxXWkVpKlACBKrzSZKES/Ix7KAR0\\nXTisssmUW1oHOvLkNfsN6pk3DspUJkG3qP+uu2yT7Hfr6zDVIYmrAS9wljJUg2L7\\nbbWFV29oOyamZd/qWxRjnw6Tv6eOkgAN2iOXuOvSBfBwevZdjemJARSTzHru2s3o\\nLNgLujj06MfRvSkugc6HmeCIe8AvB4gtCcKXo0xCdNhrRA295DFv8X8JYwiqsT3s\\nq7vYSVlWgrGSk+25JbcsnN7l65huBJYRmc5Tx4qoHQF9vrjKzSRCLT3clgnbcr62\\nSSXQOtPTTfd8/1f9\\n-----END DSA PRIVATE KEY-----",
        path: "public/signer.yml"
      }
    ],
    negative: [
      {
        text: "-----BEGIN PRIVATE KEY-----\nMIIEv...\n-----END PRIVATE KEY-----",
        why: "truncated documentation sample"
      },
      {
        text: "const pub = `-----BEGIN PUBLIC KEY-----\nLu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F\nSf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28\ngMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ\nmpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt\n3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a\nsWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn\n1BYQKaOv\n-----END PUBLIC KEY-----`;",
        why: "public keys are public"
      },
      {
        text: "-----BEGIN CERTIFICATE-----\nsK+XiTWvjmZ95lXa9f3vVfvJx7NSUnhVpERiFzC1wiE6FPHXz5kvt7RmGAKHLw/V\nUQwOntcmSjqJ/vFY/3lo+2em7KqUE119O14tRAFNr/LnCo7kLuCEdXZUWLnc79ho\npqHsGsP+Ia3KD1y7TsSpW64cg4ZhgkdMTfp4rgKUDpq5RcKWFFcUMK3ekbyrmJk8\nUaIBHMl3/z4II2diRxenI3ADu4NW3Bb3ruvtCwSIH/iupSe2yL35Al2XbJA8GVen\nLK9j1hFD4ulY1zS9wxmxUcZn5J6S75nrsqYw4WYBfwDbV2BH3Lhcpq8gVAmX4pfP\nHZk74ZevgSdogUO6OSwidA9DQ4KVrJJIYPZMpQccKTg2Etmt6ZdDCNT0arI99T4p\ngjcuiEqdm5cUEhE9skhRD+yZl6hhqwFvt/HDLO5AdSY5pzdO6NjUwcu6R1/sQ6Qi\nVRA0UQkFLaz/p4ikUj+p6UTppGtRJQmRYCK2hoaNoAJaIRCcTGjK8+QmDVfV24HC\nWy5iEWnV/zEQe0HLmQlEGkcFYBXocwPc0SDO3JQrbqPSbDC4\n-----END CERTIFICATE-----\n",
        why: "a certificate is public"
      },
      {
        text: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQKiJpUKAgowxnwtDB660t3eDjV0KgU5LDmnXaVsHXl6Ar5VJkbhXXVJwnjP047nfPoSLjHtQl4xsXRjtnW9yK8awZXtGFCyTc7WeC8vvthQsdUXlwB9iGFMtYywp4zl3yTamH9H0QOC65BmOhU8gXdD7QBrdX7uuI96eRNys79tPpqDN6xgAyHBtNHgMM7uXpoM2vOYsy deploy@ci",
        why: "an OpenSSH public key line"
      },
      {
        text: 'if (!pem.startsWith("-----BEGIN PRIVATE KEY-----")) throw new Error("expected PKCS#8");',
        why: "a header without a key body"
      },
      {
        text: "const PEM_RE = /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\\s\\S]{0,4000}?-----END/;",
        why: "a regular expression describing PEM"
      },
      {
        text: 'SMART_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\n<paste your private key here>\\n-----END RSA PRIVATE KEY-----"',
        why: "template placeholder"
      },
      {
        text: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nLu+P0aG6SSLk2sohmsFfrdQMSER4oib3KTLaGCFEqY++Bi2fn1VWLbE9hzkM8C5F\nSf4jNq8sn8LQa7E5wTMfNsVjG82aL/a+OY+8afXAI0w7vtkLcesy57kCsp9fWi28\ngMu0ryGBRTtUOL1Y88m+T/GUTvqlafll14NkpsfYadKdRncEMwSuuXw9KER6ZCGQ\nmpQwQO+XJ+kIUaW86aVY0lA4Lclm17n84JYPxL0mL47dWsl03QmdYvpq6oDJsLTt\n3zZDLlZw+dNUTStXZvKl9eWejySDrX1bOWmdeipjyw7KIs7JaOBkfdLPDMgqt37a\nsWOR+BnMHNK/kCcTwWUPB9Znlej6N4hOkXTk30v5DoiFPoh3xtfnznhWTlbOkMQn\n1BYQKaOv\n-----END PGP PUBLIC KEY BLOCK-----",
        why: "a PGP public key block"
      }
    ],
    knownMisses: [
      {
        text: 'const pem = "-----BEGIN PRIVATE KEY-----\\n" +\n  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC..." +\n  "\\n-----END PRIVATE KEY-----";',
        why: "split across + concatenations: only found when the engine folds the chain into one string first"
      }
    ]
  }
});
var KTY = /(?:\\{0,3}["'])?kty(?:\\{0,3}["'])?[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<kty>[A-Za-z]{2,3})\\{0,3}["']/;
function jwkVerdict(ctx) {
  const object = enclosingObject(ctx);
  const kty = KTY.exec(object)?.groups?.kty;
  if (kty === void 0) return false;
  if (ctx.groups.member === "k") {
    return kty === "oct" ? { message: `Symmetric JWK (kty "oct") with its secret k member.` } : false;
  }
  return { message: `Private JWK (kty "${kty}") with its private d member.` };
}
var jwk = defineRule({
  id: "private-key/jwk",
  title: "Private JSON Web Key",
  description: "A JWK or JWKS with a private member (d, or k of a symmetric key) in client code hands out the signing key: SMART backend-services assertions and tokens can be forged. A JWKS served to the world must be public-only.",
  severity: "critical",
  confidence: "exact",
  keywords: ["kty"],
  remediation: "Remove the key from its JWKS / EHR registrations, generate a new pair server-side, and publish only the public members (kty, n, e or crv, x, y) at your JWKS URI.",
  // `d` (or `k`) as a JSON or JS member, quoted or not, also inside an escaped JSON string; the `kty`
  // of the same object is checked in validate.
  pattern: /(?<=[{,](?:[ \t\r\n]|\\[nrt]){0,40})(?<q>\\{0,3}["'])?(?<member>d|k)\k<q>[ \t]{0,4}:[ \t]{0,4}\\{0,3}["'](?<secret>[A-Za-z0-9_-]{16,1400})\\{0,3}["']/,
  window: { before: 6e3, after: 6e3 },
  validate: jwkVerdict,
  examples: {
    positive: [
      {
        text: 'const key = await importJWK({kty:"EC",crv:"P-256",x:"OAf-EIktbX3XqI_W7NSDPUXYZj5UXRTLA1ohxuci9_i",y:"7O_D9VjExhpwye7QCC8LdE78MkZSzTQPDP1pdKQo2-O",d:"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}, "ES256");',
        secret: "ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"
      },
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384",\n      "n": "wzjGo-Pt-GtvNb0yn7yFBDUYqJ_mf3NaYPiHZrTyw9NBHt5N36dR2JJy1FsC0ROrHXdIPHCQYcovV6_1AyK-0cxmCVui4-gY9MNwjyUKbK3v14dVN0L01V0bC3DXT-ITyaePB7IrzfQ7PheFmFq31fCycc-UDl1tkw9btjdaAAC4O8uMfDs4Tyto7AoN7puNFWAuwDbnqJRlbfdhLEUIA4I0k3fdCFGAtyBxPV-qcYFPqLTZlhvLWnUwS9fltwC39w_BwG5Iv_YHO7c8p97P4bPyE0UhV0dIrXtfFJKVWIIun2IkMiN_jiEw7e5Et6eVuy5KQGVqgrGikT2muiwSQf",\n      "e": "AQAB",\n      "d": "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",\n      "p": "CQM0D5j6YTjjT2AHfw_agymzW_EIpUpHzBxBhUtz_HlxxD_Ab_Ssc9PyN6a6UCp2KPiScFtcOWtcj-33Cwz6yJbFiCShKlcOrGsVBjuAYhjaaGcWjEB2bcXAUvmLKdq_F8fc-RVZS-L9KRIoyrF6SIKpRce6NNkGqQcdjD5v4gn",\n      "q": "5go9mrZ69YQTNKA9iWusYwz31LGoRzFBGbSEllvk2xYBEDqqPDGaBixQGg-B63QnV175iuYddH9nTcH1AqYfLLh6rGQUddLv3HqLLYDofzwXx42wYwNeeN8l8s6H-v-9ASu8-1vC_vhVDPHdX-9qcWMwFmpUiuEPrQIlreRSQNU"\n    }\n  ]\n}',
        secret: "vJ2EbsMOrLfoGBf_7h9eixWl12lQUe_y9q3E-4GLZJSRit41LlUIXBsH4NUFhssk80RBbew5F2N6gINUd5ajV0oTMztQU5mTnd0EqVeWnqdmxoGjY4bZq4ub0epNyNv9tWiv53S1KWbpb451sTQWgJNIkpJMvoxo5DcgH6VUKi59qv_lKXPyCFsw01-tfzQGUnWUhTPct68teFzhcRRS3IlO8pGdAQQI8rYrWDh3LVql0u4ypwyZv9Ptz-966MJ3Dp6AcxOhj_wEWKxFBER9G9Ja6_tS7WRMBQu-5RjMKcJBRceqypgy6gw74E1a6yljH-0JU5Au3KIrXzk_RHHYVM",
        path: "public/.well-known/jwks.json"
      },
      {
        text: '{"kty":"oct","kid":"hmac-1","alg":"HS256","k":"ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk"}',
        secret: "ZG5TUkNMS036ZAFV73WsJ4SDftNmKyf4dFUmycczHMk",
        path: "src/config/hmac-key.json"
      },
      {
        text: '{\n  "d": "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",\n  "crv": "P-256",\n  "x": "OYHCu3oDy14pDChJWp-C_7YOsUebdLfwOCyfA0Z1iRd",\n  "y": "Dn7QdwC9_susaYy3kPQhNXstVOwh6i6-ewD3pZq8jJd",\n  "kty": "EC",\n  "use": "sig"\n}',
        secret: "D5GVU5fwd--7veJKFI6XlfpzwyTtWHdsJ4xW110aZe0",
        path: "src/keys/client-assertion.json"
      }
    ],
    negative: [
      {
        text: '{\n  "keys": [\n    {\n      "kty": "RSA",\n      "n": "ye-QGRl9axNGaA91-jhKCiEiSAGjjgW_1NJ5Gnlr7ehoLhc2M1nsIhayv2A_Oe-SJ294vhzgWHBZ4ZUI3zxkO4pxO-tTxxEOVvGavtqY5v0ZMIHPZ0dCGIaZluL066bJa7OL5Oq3Yoe3JIx4S8JxiW878sERwiC-fDK3GD4SwKabB5NgQetLTfLuM-Z7DDDoo8s-FlLoeiOvQWJJ0ISPipTTxTyQZMT-5Uyt0QxTRTuMpHtNX5ZH8ZJ5K-hKf-iR40Ir6WkKiyNvnIqjgjLWszFw01YOUSX67y2D0kf3erGj4_DyPI3GPKWWXGjypmcWdNJ2vAXLfjz3sKkztQu2iu",\n      "e": "AQAB",\n      "kid": "smart-backend-2024",\n      "use": "sig",\n      "alg": "RS384"\n    }\n  ]\n}',
        why: "a public RSA JWKS (n and e only)"
      },
      {
        text: 'const verifyKey = await importJWK({kty:"EC",crv:"P-256",x:"jjAf1VkL8lo11a4aK0kdE8YGzf69g7f8lhzTubnyfK7",y:"N-yvtNN5fqlba_zXEu4HbrMhyLp4_EzQE9fLfxlneul"}, "ES256");',
        why: "a public EC JWK (x and y only)"
      },
      {
        text: '{"jwks_uri":"https://app.medblocks.com/.well-known/jwks.json","token_endpoint":"https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token"}',
        why: "a JWKS URI is a public URL"
      },
      {
        text: '{"kty":"EC","crv":"P-256","x":"...","y":"...","d":"<private scalar>"}',
        why: "documentation template"
      },
      {
        text: '{"id":"evt_42","d":"ljmjBrzc8bS53CWji0OS_pip0pBC0whkIOEmz1cew8R"}',
        why: "an object with a d member but no kty is not a JWK"
      },
      {
        text: '{"kty":"oct","alg":"HS256","kid":"hmac-1","use":"sig"}',
        why: "key metadata without the k member"
      }
    ]
  }
});
var rules5 = [pem, jwk];
var private_keys_default = rules5;

// rules/index.ts
function registry(...families) {
  const rules6 = families.flat();
  const seen = /* @__PURE__ */ new Set();
  for (const rule of rules6) {
    if (seen.has(rule.id)) throw new Error(`rule id "${rule.id}" is registered twice`);
    seen.add(rule.id);
  }
  return Object.freeze(rules6);
}
var allRules = registry(medblocks_default, private_keys_default, cloud_default, http_default, env_default, js_shapes_default);

// src/config/resolve.ts
import path5 from "node:path";

// src/config/load.ts
import { existsSync as existsSync2, readFileSync as readFileSync3, statSync } from "node:fs";
import path4 from "node:path";
init_redact();

// src/config/validate.ts
var TOP_LEVEL_KEYS = [
  "$schema",
  "include",
  "exclude",
  "failOn",
  "maxFileSize",
  "rules",
  "allow",
  "client",
  "server"
];
var ALLOW_KEYS = ["paths", "secrets"];
var SHA2562 = /^[0-9a-f]{64}$/;
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function checkStringArray(value, key, problems) {
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be an array of strings`);
    return;
  }
  value.forEach((item, index) => {
    if (typeof item !== "string" || item.length === 0)
      problems.push(`${key}[${index}]: must be a non-empty string`);
  });
}
function checkKeys(value, allowed, prefix, problems) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${prefix}${key}: unknown key (allowed: ${allowed.join(", ")})`);
  }
}
function validateConfig(value, knownRuleIds) {
  const problems = [];
  if (!isPlainObject(value)) return ["(root): must be a JSON object"];
  checkKeys(value, TOP_LEVEL_KEYS, "", problems);
  for (const key of ["include", "exclude", "client", "server"]) {
    if (value[key] !== void 0) checkStringArray(value[key], key, problems);
  }
  if (value.failOn !== void 0 && !SEVERITIES.includes(value.failOn)) {
    problems.push(`failOn: must be one of ${SEVERITIES.join(", ")}`);
  }
  if (value.maxFileSize !== void 0 && !(typeof value.maxFileSize === "number" && value.maxFileSize > 0)) {
    problems.push("maxFileSize: must be a positive number of megabytes");
  }
  if (value.rules !== void 0) {
    if (!isPlainObject(value.rules)) problems.push('rules: must be an object of rule id \u2192 severity or "off"');
    else {
      for (const [id, setting] of Object.entries(value.rules)) {
        if (!knownRuleIds.has(id)) problems.push(`rules.${id}: unknown rule id (see \`clientleak rules\`)`);
        if (setting !== "off" && !SEVERITIES.includes(setting)) {
          problems.push(`rules.${id}: must be "off" or one of ${SEVERITIES.join(", ")}`);
        }
      }
    }
  }
  if (value.allow !== void 0) {
    if (!isPlainObject(value.allow)) problems.push("allow: must be an object with paths and/or secrets");
    else {
      checkKeys(value.allow, ALLOW_KEYS, "allow.", problems);
      if (value.allow.paths !== void 0) checkStringArray(value.allow.paths, "allow.paths", problems);
      if (value.allow.secrets !== void 0) {
        checkStringArray(value.allow.secrets, "allow.secrets", problems);
        if (Array.isArray(value.allow.secrets)) {
          value.allow.secrets.forEach((hash, index) => {
            if (typeof hash === "string" && !SHA2562.test(hash)) {
              problems.push(
                `allow.secrets[${index}]: must be a lower-case sha256 hex digest of the secret, never the secret`
              );
            }
          });
        }
      }
    }
  }
  return problems;
}

// src/config/load.ts
var CONFIG_FILE_NAME = "clientleak.config.json";
function loadConfig(explicit, roots, cwd, knownRuleIds) {
  const file = explicit ? path4.resolve(cwd, explicit) : findConfig(roots, cwd);
  if (!file) return { baseDir: cwd, config: {} };
  let text;
  try {
    text = readFileSync3(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot be read (${describeError(error)})`]);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON (${describeError(error)})`]);
  }
  const problems = validateConfig(parsed, knownRuleIds);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, baseDir: path4.dirname(file), config: parsed };
}
function findConfig(roots, cwd) {
  const candidates = [...roots.slice(0, 1).map((root) => path4.resolve(cwd, root)), cwd];
  for (const dir of candidates) {
    const file = path4.join(dir, CONFIG_FILE_NAME);
    if (isDirectory(dir) && existsSync2(file)) return file;
  }
  return void 0;
}
function isDirectory(dir) {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

// src/config/resolve.ts
var DEFAULT_FAIL_ON = "low";
var DEFAULT_MAX_FILE_SIZE_MB = 50;
function resolveSettings(roots, cwd, overrides, knownRuleIds) {
  const loaded = loadConfig(overrides.config, roots, cwd, knownRuleIds);
  const file = loaded.config;
  const absoluteRoots = roots.map((root) => path5.resolve(cwd, root));
  const settings = {
    cwd,
    roots,
    ...loaded.file ? { configFile: loaded.file } : {},
    globBases: [loaded.baseDir, cwd, ...absoluteRoots],
    include: [...file.include ?? [], ...overrides.include ?? []],
    exclude: [...file.exclude ?? [], ...overrides.exclude ?? []],
    failOn: overrides.failOn ?? file.failOn ?? DEFAULT_FAIL_ON,
    maxFileSizeBytes: Math.round(
      (overrides.maxFileSizeMB ?? file.maxFileSize ?? DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024
    ),
    ruleOverrides: new Map(Object.entries(file.rules ?? {})),
    allowPaths: file.allow?.paths ?? [],
    allowSecretHashes: new Set(file.allow?.secrets ?? []),
    client: [...file.client ?? [], ...overrides.client ?? []],
    server: [...file.server ?? [], ...overrides.server ?? []]
  };
  return Object.freeze(settings);
}

// src/findings/pipeline.ts
init_compare();

// src/findings/fingerprint.ts
import { createHash } from "node:crypto";
function sha256Hex(value) {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
function fingerprint(ruleId, secret) {
  return sha256Hex(`${ruleId}\0${secret}`);
}

// src/findings/pipeline.ts
init_redact();

// src/findings/shipped.ts
var import_picomatch3 = __toESM(require_picomatch2(), 1);

// src/walk/client-server.ts
var import_picomatch2 = __toESM(require_picomatch2(), 1);
var DEFAULT_SERVER_GLOBS = [
  "**/server/**",
  "**/api/**",
  "**/pages/api/**",
  "**/app/**/route.*",
  "**/*.server.*",
  "**/middleware.*",
  "**/functions/**",
  "**/netlify/functions/**",
  "**/supabase/functions/**"
];
var DEFAULT_BUILD_GLOBS = [
  "**/dist/**",
  "**/build/**",
  "**/.next/static/**",
  "**/out/**",
  "**/public/**"
];
var LEADING_TRIVIA = /^(?:\s|\/\/[^\n]{0,1000}|\/\*(?:[^*]|\*(?!\/)){0,4000}\*\/){0,200}/;
var DIRECTIVE = /^["'](use client|use server)["']/;
function moduleDirective(head) {
  const trivia = LEADING_TRIVIA.exec(head)?.[0].length ?? 0;
  const directive = DIRECTIVE.exec(head.slice(trivia))?.[1];
  return directive === void 0 ? void 0 : directive === "use client" ? "client" : "server";
}
function createClientDetector(policy = {}) {
  const userClient = (0, import_picomatch2.default)([...policy.client ?? []], { dot: true });
  const userServer = (0, import_picomatch2.default)([...policy.server ?? []], { dot: true });
  const build = (0, import_picomatch2.default)(DEFAULT_BUILD_GLOBS, { dot: true });
  const server = (0, import_picomatch2.default)(DEFAULT_SERVER_GLOBS, { dot: true });
  return (path18, head) => {
    if (policy.client?.length && userClient(path18)) return true;
    if (policy.server?.length && userServer(path18)) return false;
    if (build(path18)) return true;
    const directive = moduleDirective(head);
    if (directive) return directive === "client";
    return !server(path18);
  };
}

// src/findings/shipped.ts
var isBuildOutput = (0, import_picomatch3.default)(DEFAULT_BUILD_GLOBS, { dot: true });
function isShipped(occurrence) {
  const { location } = occurrence;
  return occurrence.original !== void 0 || location.virtualSource !== void 0 || location.path.endsWith(".map") || isBuildOutput(location.path);
}

// src/findings/pipeline.ts
function buildFindings(found2, context) {
  const steps = [
    applyRuleOverrides,
    applyPathAllowlist,
    applySecretAllowlist,
    ...context.extraSteps ?? []
  ];
  let findings = merge(found2, context);
  const suppressed = {};
  for (const step of steps) {
    const result2 = step(findings, context);
    findings = result2.findings;
    for (const [reason, count] of Object.entries(result2.hidden ?? {})) {
      if (count > 0) suppressed[reason] = (suppressed[reason] ?? 0) + count;
    }
  }
  return {
    findings: sortFindings(findings).map((finding) => redact(finding, context.showSecrets)),
    suppressed
  };
}
function merge(found2, context) {
  const byFingerprint = /* @__PURE__ */ new Map();
  for (const item of found2) {
    const id = fingerprint(item.ruleId, item.secret);
    const existing = byFingerprint.get(id);
    if (existing) {
      existing.occurrences.push(item.occurrence);
      if (SEVERITY_RANK[item.severity] > SEVERITY_RANK[existing.severity]) existing.severity = item.severity;
      continue;
    }
    byFingerprint.set(id, {
      ruleId: item.ruleId,
      title: item.title,
      severity: item.severity,
      fingerprint: id,
      secretHash: sha256Hex(item.secret),
      redacted: item.evidence === "code" ? item.secret : redactSecret(item.secret),
      ...item.evidence === void 0 ? {} : { evidence: item.evidence },
      secretLength: item.secret.length,
      message: item.message ?? item.title,
      remediation: context.remediation(item.ruleId),
      occurrences: [item.occurrence],
      secret: item.secret
    });
  }
  return [...byFingerprint.values()];
}
var applyRuleOverrides = (findings, { severityOverrides }) => {
  let off = 0;
  const kept = [];
  for (const finding of findings) {
    const override = severityOverrides.get(finding.ruleId);
    if (override === "off") off++;
    else kept.push(override ? { ...finding, severity: override } : finding);
  }
  return { findings: kept, hidden: { "rule off": off } };
};
var applyPathAllowlist = (findings, { isAllowedPath }) => {
  let hidden = 0;
  const kept = [];
  for (const finding of findings) {
    const occurrences = finding.occurrences.filter((occurrence) => !isAllowedPath(occurrence.location.path));
    if (occurrences.length === 0) hidden++;
    else kept.push(occurrences.length === finding.occurrences.length ? finding : { ...finding, occurrences });
  }
  return { findings: kept, hidden: { "allowlisted path": hidden } };
};
var applySecretAllowlist = (findings, { allowedSecretHashes }) => {
  const kept = findings.filter((finding) => !allowedSecretHashes.has(finding.secretHash));
  const hidden = findings.length - kept.length;
  return { findings: kept, hidden: { "allowlisted secret": hidden } };
};
function compareOccurrences(a, b) {
  const left = a.location;
  const right = b.location;
  return Number(isShipped(a)) - Number(isShipped(b)) || compareStrings(left.path, right.path) || compareStrings(left.virtualSource ?? "", right.virtualSource ?? "") || left.start.line - right.start.line || left.start.column - right.start.column;
}
function sortFindings(findings) {
  for (const finding of findings) finding.occurrences.sort(compareOccurrences);
  return findings.sort(
    (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareStrings(a.ruleId, b.ruleId) || compareOccurrences(a.occurrences[0], b.occurrences[0]) || compareStrings(a.fingerprint, b.fingerprint)
  );
}
function redact(finding, showSecrets) {
  const { secret, ...rest } = finding;
  return showSecrets ? { ...rest, secret } : rest;
}

// src/frameworks/project.ts
import { readdirSync, readFileSync as readFileSync4, statSync as statSync2 } from "node:fs";
import path7 from "node:path";

// src/frameworks/detect.ts
init_public_env();
import path6 from "node:path";
var known = (name) => PUBLIC_ENV_FRAMEWORKS.find((framework) => framework.name === name);
var BY_DEPENDENCY = {
  vite: "Vite",
  next: "Next.js",
  "react-scripts": "Create React App",
  "@vue/cli-service": "Vue CLI",
  nuxt: "Nuxt",
  "@sveltejs/kit": "SvelteKit/Astro",
  astro: "SvelteKit/Astro",
  gatsby: "Gatsby",
  expo: "Expo",
  "@ngx-env/builder": "@ngx-env (Angular)",
  storybook: "Storybook"
};
var BY_CONFIG = {
  "vite.config": "Vite",
  "next.config": "Next.js",
  "vue.config": "Vue CLI",
  "nuxt.config": "Nuxt",
  "svelte.config": "SvelteKit/Astro",
  "astro.config": "SvelteKit/Astro",
  "gatsby-config": "Gatsby",
  "app.config": "Expo"
};
function detectPublicEnv(files) {
  const names = /* @__PURE__ */ new Set();
  for (const file of files) {
    const base = path6.posix.basename(file.name);
    if (base === "package.json")
      for (const dependency of dependenciesOf(file.text)) addIfKnown(names, BY_DEPENDENCY[dependency]);
    addIfKnown(names, BY_CONFIG[base.replace(/\.[cm]?[jt]s$/, "")]);
    if (base === "app.json" && /"expo"\s*:/.test(file.text)) names.add("Expo");
  }
  const frameworks = [];
  for (const name of names) {
    if (name === "Vite") frameworks.push(...viteFrameworks(files));
    else frameworks.push(known(name));
  }
  if (names.has("Next.js")) frameworks.push(...nextConfigEnv(files));
  return frameworks;
}
function addIfKnown(names, name) {
  if (name) names.add(name);
}
function dependenciesOf(packageJson) {
  try {
    const manifest = JSON.parse(packageJson);
    return ["dependencies", "devDependencies", "peerDependencies"].flatMap((field) => {
      const deps = manifest[field];
      return deps && typeof deps === "object" ? Object.keys(deps) : [];
    });
  } catch {
    return [];
  }
}
var ENV_PREFIX = /\benvPrefix\s*:\s*(\[[^\]]{0,500}\]|"[^"\n]{1,100}"|'[^'\n]{1,100}'|`[^`$\n]{1,100}`)/;
var STRING_LITERAL = /"([^"\n]{1,100})"|'([^'\n]{1,100})'|`([^`$\n]{1,100})`/g;
function viteFrameworks(files) {
  const config = files.find((file) => /^vite\.config\.[cm]?[jt]s$/.test(path6.posix.basename(file.name)));
  const literal = config ? ENV_PREFIX.exec(config.text)?.[1] : void 0;
  const prefixes = literal ? [...literal.matchAll(STRING_LITERAL)].map((match) => match[1] ?? match[2] ?? match[3]) : [];
  if (prefixes.length === 0) return [known("Vite")];
  return prefixes.map((prefix) => ({
    name: "Vite",
    prefix,
    mechanism: `inlines every ${prefix} variable into the client bundle (envPrefix in ${path6.posix.basename(config.name)})`
  }));
}
var NEXT_ENV_BLOCK = /\benv\s*:\s*\{([^{}]{0,5000})\}/;
var OBJECT_KEY = /(?:^|[,{\s])["']?([A-Za-z_][A-Za-z0-9_]{0,100})["']?\s*:/g;
function nextConfigEnv(files) {
  const config = files.find((file) => /^next\.config\.[cm]?[jt]s$/.test(path6.posix.basename(file.name)));
  const block = config ? NEXT_ENV_BLOCK.exec(config.text)?.[1] : void 0;
  if (!block) return [];
  return [...block.matchAll(OBJECT_KEY)].map((match) => ({
    name: "Next.js",
    prefix: match[1],
    exact: true,
    mechanism: `inlines ${match[1]} into the client bundle because next.config lists it under env`
  }));
}

// src/frameworks/project.ts
init_public_env();
var PROJECT_FILE = /^(?:package\.json|app\.json|(?:vite|next|vue|nuxt|svelte|astro|app)\.config\.[cm]?[jt]s|gatsby-config\.[cm]?[jt]s)$/;
var MAX_PROJECT_FILE_BYTES = 512 * 1024;
function detectProjectPublicEnv(settings) {
  const directories = /* @__PURE__ */ new Set([
    settings.cwd,
    ...settings.roots.map((root) => path7.resolve(settings.cwd, root))
  ]);
  const files = [...directories].flatMap(projectFilesIn);
  const detected = detectPublicEnv(files);
  return detected.length > 0 ? detected : PUBLIC_ENV_FRAMEWORKS;
}
function projectFilesIn(directory) {
  let names;
  try {
    names = readdirSync(directory).filter((name) => PROJECT_FILE.test(name));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path7.join(directory, name);
    try {
      if (statSync2(file).size > MAX_PROJECT_FILE_BYTES) return [];
      return [{ name, text: readFileSync4(file, "utf8") }];
    } catch {
      return [];
    }
  });
}

// src/pool/scan-files.ts
init_engine();
init_scan_bytes();

// src/sourcemap/companions.ts
function pairBundlesWithMaps(files) {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const claimed = /* @__PURE__ */ new Set();
  for (const file of files) {
    const mapPath = `${file.path}.map`;
    if (!file.path.endsWith(".map") && byPath.has(mapPath)) claimed.add(mapPath);
  }
  if (claimed.size === 0) return [...files];
  return files.filter((file) => !claimed.has(file.path)).map((file) => {
    const companion = claimed.has(`${file.path}.map`) ? byPath.get(`${file.path}.map`) : void 0;
    return companion ? { ...file, companion } : file;
  });
}

// src/pool/policy.ts
import { availableParallelism } from "node:os";
var POOL_MIN_FILES = 8;
var POOL_MIN_BYTES = 4 * 1024 * 1024;
var POOL_AVAILABLE = import.meta.url.endsWith(".js");
function workerCount(request) {
  const jobs = request.jobs ?? availableParallelism();
  if (!POOL_AVAILABLE || request.customRules || jobs <= 1) return 0;
  if (request.fileCount < POOL_MIN_FILES || request.totalBytes < POOL_MIN_BYTES) return 0;
  return Math.min(jobs, request.fileCount);
}

// src/pool/scan-files.ts
async function scanFiles(walked, settings, options = {}) {
  const files = pairBundlesWithMaps(walked);
  const setup = {
    client: settings.client,
    server: settings.server,
    publicEnv: detectProjectPublicEnv(settings)
  };
  const workers = workerCount({
    ...options.jobs === void 0 ? {} : { jobs: options.jobs },
    fileCount: files.length,
    totalBytes: files.reduce((sum, file) => sum + file.size + (file.companion?.size ?? 0), 0),
    customRules: options.rules !== void 0 && options.rules !== allRules
  });
  if (workers > 0) {
    const { scanInPool: scanInPool2 } = await Promise.resolve().then(() => (init_pool(), pool_exports));
    return scanInPool2(files, setup, workers);
  }
  const context = {
    compiled: new CompiledRules(options.rules ?? allRules),
    isClient: createClientDetector(setup),
    publicEnv: setup.publicEnv
  };
  const results = [];
  for (const file of files) {
    const bytes = await readFileSource(file);
    results.push(
      bytes instanceof Uint8Array ? scanFileBytes(file.path, bytes, context, await readCompanion(file)) : bytes
    );
  }
  return results;
}

// src/scan-progress.ts
function trackProgress(files, listener) {
  if (!listener) return files;
  const progress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    bytesTotal: files.reduce((sum, file) => sum + file.size, 0)
  };
  return files.map((file) => ({
    ...file,
    read: async () => {
      try {
        return await file.read();
      } finally {
        progress.filesDone++;
        progress.bytesDone += file.size;
        listener({ ...progress });
      }
    }
  }));
}

// src/shard.ts
var SHARD_SHAPE = /^(\d{1,4})\/(\d{1,4})$/;
function parseShard(value) {
  const match = SHARD_SHAPE.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard: "${value}" is not <i>/<n> with 1 \u2264 i \u2264 n (for example 2/4)`);
  }
  return { index, count };
}
function pathHash(path18) {
  let hash = 2166136261;
  for (let i = 0; i < path18.length; i++) hash = Math.imul(hash ^ path18.charCodeAt(i), 16777619) >>> 0;
  return hash;
}
function inShard(path18, shard) {
  return pathHash(path18) % shard.count === shard.index - 1;
}
function selectShard(walked, shard) {
  return {
    files: walked.files.filter((file) => inShard(file.path, shard)),
    diagnostics: walked.diagnostics.filter(
      (diagnostic) => diagnostic.path === void 0 || inShard(diagnostic.path, shard)
    )
  };
}

// src/scan.ts
init_timing();

// src/walk/walker.ts
var import_fast_glob = __toESM(require_out4(), 1);
import fs from "node:fs";
import { readFile } from "node:fs/promises";
import path10 from "node:path";
init_redact();
init_compare();
init_classify();
var DEFAULT_IGNORED_DIRECTORIES = ["**/.git/**", "**/node_modules/**"];
function createFileAdmission(settings, diagnostics) {
  const included = createPathMatcher(settings.include, settings.globBases);
  const excluded = createPathMatcher(settings.exclude, settings.globBases);
  return (absolutePath, size) => {
    const display = displayPath(settings.cwd, absolutePath);
    if (settings.include.length > 0 && !included(absolutePath)) return false;
    if (excluded(absolutePath)) return false;
    const reason = skipReasonByName(display);
    if (reason) {
      diagnostics.push({
        code: "skipped-excluded-type",
        path: display,
        message: `skipped: ${reason}`,
        skipped: true
      });
      return false;
    }
    if (size > settings.maxFileSizeBytes) {
      diagnostics.push({
        code: "skipped-too-large",
        path: display,
        message: `skipped: ${(size / 1048576).toFixed(1)} MB is over --max-file-size ${(settings.maxFileSizeBytes / 1048576).toFixed(0)} MB`,
        skipped: true
      });
      return false;
    }
    return true;
  };
}
async function walkRoots(settings) {
  const diagnostics = [];
  const admits = createFileAdmission(settings, diagnostics);
  const byPath = /* @__PURE__ */ new Map();
  const consider = (absolutePath, size) => {
    if (byPath.has(absolutePath) || !admits(absolutePath, size)) return;
    const display = displayPath(settings.cwd, absolutePath);
    byPath.set(absolutePath, { path: display, absolutePath, size, read: () => readFile(absolutePath) });
  };
  for (const root of settings.roots) {
    const absoluteRoot = path10.resolve(settings.cwd, root);
    let stats;
    try {
      stats = fs.statSync(absoluteRoot);
    } catch (error) {
      throw new UsageError(
        `cannot scan ${root}: ${error.code === "ENOENT" ? "no such file or directory" : describeError(error)}`
      );
    }
    if (stats.isFile()) consider(absoluteRoot, stats.size);
    else if (stats.isDirectory()) await walkDirectory(absoluteRoot, settings.cwd, consider, diagnostics);
    else throw new UsageError(`cannot scan ${root}: not a file or directory`);
  }
  const files = [...byPath.values()].sort((a, b) => compareStrings(a.path, b.path));
  return { files, diagnostics };
}
async function walkDirectory(root, cwd, consider, diagnostics) {
  const entries = await (0, import_fast_glob.default)("**/*", {
    cwd: root,
    absolute: true,
    dot: true,
    onlyFiles: false,
    objectMode: true,
    stats: true,
    followSymbolicLinks: false,
    ignore: DEFAULT_IGNORED_DIRECTORIES,
    fs: reportingFileSystem(cwd, diagnostics)
  });
  for (const entry of entries.sort((a, b) => compareStrings(a.path, b.path))) {
    const stats = entry.stats;
    if (stats.isDirectory()) continue;
    const display = displayPath(cwd, entry.path);
    if (stats.isSymbolicLink()) {
      diagnostics.push({
        code: "skipped-symlink",
        path: display,
        message: "skipped: symbolic link (not followed, so nothing outside the scan roots is read)",
        skipped: true
      });
    } else if (!stats.isFile()) {
      diagnostics.push({
        code: "skipped-not-a-file",
        path: display,
        message: "skipped: not a regular file",
        skipped: true
      });
    } else {
      consider(entry.path, stats.size);
    }
  }
}
function reportingFileSystem(cwd, diagnostics) {
  const readdir = ((directory, ...rest) => {
    const callback = rest.pop();
    const report = (error, entries) => {
      if (error) {
        diagnostics.push({
          code: "skipped-unreadable",
          path: displayPath(cwd, directory),
          message: `directory not readable (${error.code ?? describeError(error)})`,
          skipped: true
        });
        callback(null, []);
      } else callback(null, entries);
    };
    fs.readdir(directory, ...rest, report);
  });
  return { readdir };
}
function displayPath(cwd, absolutePath) {
  const relative = path10.relative(cwd, absolutePath);
  return toPosix(relative === "" ? path10.basename(absolutePath) : relative);
}

// src/scan.ts
function ruleIds(rules6 = allRules) {
  return new Set(rules6.map((rule) => rule.id));
}
function settingsFor(options) {
  const cwd = options.cwd ?? process.cwd();
  return resolveSettings(options.paths?.length ? options.paths : ["."], cwd, options, ruleIds(options.rules));
}
async function scan(options = {}) {
  const started = performance3.now();
  const settings = settingsFor(options);
  const walkStarted = timing?.start() ?? 0;
  const walkedAll = await (options.collect ?? walkRoots)(settings);
  timing?.stop("walk", walkStarted);
  const walked = options.shard ? selectShard(walkedAll, options.shard) : walkedAll;
  const result2 = await scanSources(walked.files, settings, options, walked.diagnostics);
  return { ...result2, stats: { ...result2.stats, durationMs: performance3.now() - started }, settings };
}
async function scanSources(files, settings, options = {}, earlierDiagnostics = []) {
  const started = performance3.now();
  const rules6 = options.rules ?? allRules;
  const diagnostics = [...earlierDiagnostics];
  const found2 = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  for (const result2 of await scanFiles(trackProgress(files, options.onProgress), settings, options)) {
    found2.push(...result2.found);
    diagnostics.push(...result2.diagnostics);
    if (result2.scanned) filesScanned++;
    bytesScanned += result2.bytesScanned;
  }
  const remediationById = new Map(rules6.map((rule) => [rule.id, rule.remediation]));
  const isAllowedPath = createPathMatcher(settings.allowPaths, settings.globBases);
  const findingsStarted = timing?.start() ?? 0;
  const { findings, suppressed } = buildFindings(found2, {
    remediation: (ruleId) => remediationById.get(ruleId) ?? "",
    severityOverrides: settings.ruleOverrides,
    isAllowedPath: (displayPath2) => isAllowedPath(absoluteFrom(settings.cwd, displayPath2)),
    allowedSecretHashes: settings.allowSecretHashes,
    showSecrets: options.showSecrets ?? false,
    ...options.extraSteps ? { extraSteps: options.extraSteps } : {}
  });
  markOriginalsInRepository(findings, settings.cwd);
  timing?.stop("findings", findingsStarted);
  return {
    findings,
    diagnostics,
    stats: {
      filesScanned,
      filesSkipped: diagnostics.filter((diagnostic) => diagnostic.skipped).length,
      bytesScanned,
      durationMs: performance3.now() - started,
      suppressed
    }
  };
}
function absoluteFrom(cwd, displayPath2) {
  return displayPath2.startsWith("/") ? displayPath2 : `${cwd}/${displayPath2}`;
}
function markOriginalsInRepository(findings, cwd) {
  for (const finding of findings) {
    for (const occurrence of finding.occurrences) {
      if (occurrence.original && existsSync3(path11.resolve(cwd, occurrence.original.path))) {
        occurrence.originalInRepository = true;
      }
    }
  }
}

// src/scan-workflow.ts
init_decode2();

// src/walk/git.ts
import { execFile, spawnSync } from "node:child_process";
import path12 from "node:path";
init_compare();
var MAX_GIT_OUTPUT = 1024 * 1024 * 1024;
var GITLINK_MODE = "160000";
var SYMLINK_MODE = "120000";
function git(cwd, args, input) {
  const result2 = spawnSync("git", args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT });
  if (result2.error) throw new UsageError(`cannot run git: ${result2.error.message}`);
  if (result2.status !== 0) {
    const message = result2.stderr.toString("utf8").trim().split("\n")[0] || `exit code ${result2.status}`;
    throw new UsageError(`git ${args[0]} failed: ${message}`);
  }
  return result2.stdout;
}
function repositoryPrefix(cwd, mode) {
  const result2 = spawnSync("git", ["rev-parse", "--show-prefix"], { cwd, encoding: "utf8" });
  if (result2.error || result2.status !== 0)
    throw new UsageError(`${mode} needs a git repository, and ${cwd} is not inside one`);
  return result2.stdout.trim();
}
function parseRawDiff(output) {
  const fields = output.toString("utf8").split("\0");
  const changed = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    const meta = fields[index].replace(/^:/, "").split(" ");
    const gitPath = fields[index + 1];
    if (meta.length < 5) continue;
    changed.push({ gitPath, mode: meta[1], blob: meta[3] });
  }
  return changed;
}
function parseAddedLines(patch) {
  const files = patch.split(/^diff --git /m).slice(1);
  return files.map((file) => {
    const ranges = [];
    for (const match of file.matchAll(/^@@ -\d{1,10}(?:,\d{1,10})? \+(\d{1,10})(?:,(\d{1,10}))? @@/gm)) {
      const start = Number(match[1]);
      const count = match[2] === void 0 ? 1 : Number(match[2]);
      if (count > 0) ranges.push([start, start + count - 1]);
    }
    return ranges;
  });
}
function blobSizes(cwd, blobs) {
  if (blobs.length === 0) return [];
  const lines = git(cwd, ["cat-file", "--batch-check"], `${blobs.join("\n")}
`).toString("utf8").trim().split("\n");
  return lines.map((line) => Number(line.split(" ")[2]));
}
function createBlobReader(cwd, blobs) {
  let loaded;
  const load = () => new Promise((resolve2, reject) => {
    const child = execFile(
      "git",
      ["cat-file", "--batch"],
      { cwd, encoding: "buffer", maxBuffer: MAX_GIT_OUTPUT },
      (error, stdout) => {
        if (error) reject(error);
        else resolve2(splitBatch(stdout));
      }
    );
    child.stdin?.end(`${blobs.join("\n")}
`);
  });
  return async (blob) => {
    loaded ??= load();
    const bytes = (await loaded).get(blob);
    if (!bytes)
      throw Object.assign(new Error(`blob ${blob} missing from git cat-file output`), { code: "EGITBLOB" });
    return bytes;
  };
}
function splitBatch(output) {
  const blobs = /* @__PURE__ */ new Map();
  let cursor = 0;
  while (cursor < output.length) {
    const headerEnd = output.indexOf(10, cursor);
    if (headerEnd === -1) break;
    const [sha, , size] = output.toString("utf8", cursor, headerEnd).split(" ");
    const length = Number(size);
    if (!sha || !Number.isInteger(length)) break;
    blobs.set(sha, output.subarray(headerEnd + 1, headerEnd + 1 + length));
    cursor = headerEnd + 1 + length + 1;
  }
  return blobs;
}
function toSources(settings, prefix, changed, diagnostics) {
  const admits = createFileAdmission(settings, diagnostics);
  const regular = changed.filter((entry) => {
    if (entry.mode === GITLINK_MODE) return false;
    if (entry.mode !== SYMLINK_MODE) return true;
    diagnostics.push({
      code: "skipped-symlink",
      path: displayPathOf(prefix, entry.gitPath),
      message: "skipped: symbolic link (not followed)",
      skipped: true
    });
    return false;
  });
  const sizes = blobSizes(
    settings.cwd,
    regular.map((entry) => entry.blob)
  );
  const admitted = regular.map((entry, index) => ({
    entry,
    size: sizes[index] ?? 0,
    display: displayPathOf(prefix, entry.gitPath)
  })).filter(({ display, size }) => admits(path12.join(settings.cwd, display), size));
  const read = createBlobReader(
    settings.cwd,
    admitted.map(({ entry }) => entry.blob)
  );
  return new Map(
    admitted.map(({ entry, size, display }) => [
      entry,
      { path: display, absolutePath: path12.join(settings.cwd, display), size, read: () => read(entry.blob) }
    ])
  );
}
function displayPathOf(prefix, gitPath) {
  return toPosix(path12.posix.relative(prefix.replace(/\/$/, "") || ".", gitPath));
}
function pathspecs(settings) {
  return ["--", ...settings.roots];
}
function stagedFiles(settings) {
  const prefix = repositoryPrefix(settings.cwd, "--staged");
  const raw = git(settings.cwd, [
    "--literal-pathspecs",
    "diff",
    "--cached",
    "--raw",
    "-z",
    "--no-abbrev",
    "--no-renames",
    "--diff-filter=ACMR",
    ...pathspecs(settings)
  ]);
  const diagnostics = [];
  const sources = toSources(settings, prefix, parseRawDiff(raw), diagnostics);
  return { files: sortedByPath([...sources.values()]), diagnostics };
}
function parseRange(range) {
  const symmetric = range.includes("...");
  const [base, head, ...rest] = range.split(symmetric ? "..." : "..");
  if (rest.length > 0 || head === void 0) {
    throw new UsageError(`--diff: "${range}" is not a range; write <base>...<head> (or <base>..<head>)`);
  }
  return { base: base || "HEAD", head: head || "HEAD", symmetric };
}
function resolveCommit(cwd, revision) {
  const result2 = spawnSync(
    "git",
    ["rev-parse", "--verify", "--quiet", "--end-of-options", `${revision}^{commit}`],
    { cwd }
  );
  if (result2.status === 0) return result2.stdout.toString("utf8").trim();
  throw new UsageError(missingHistory(cwd, `commit ${revision} is not in this repository`));
}
function missingHistory(cwd, problem) {
  const shallow = git(cwd, ["rev-parse", "--is-shallow-repository"]).toString("utf8").trim() === "true";
  return shallow ? `${problem}: this is a shallow clone without the base history; fetch it (actions/checkout with fetch-depth: 0, or git fetch --unshallow)` : problem;
}
function rangeFiles(settings, range) {
  const prefix = repositoryPrefix(settings.cwd, "--diff");
  const parsed = parseRange(range);
  const head = resolveCommit(settings.cwd, parsed.head);
  let base = resolveCommit(settings.cwd, parsed.base);
  if (parsed.symmetric) {
    const mergeBase = spawnSync("git", ["merge-base", base, head], { cwd: settings.cwd });
    if (mergeBase.status !== 0)
      throw new UsageError(
        missingHistory(settings.cwd, `${parsed.base} and ${parsed.head} have no common ancestor`)
      );
    base = mergeBase.stdout.toString("utf8").trim();
  }
  const diffArgs = [
    "--literal-pathspecs",
    "diff",
    "--no-renames",
    "--diff-filter=ACMR",
    "--no-ext-diff",
    "--no-textconv",
    base,
    head
  ];
  const changed = parseRawDiff(
    git(settings.cwd, [...diffArgs, "--raw", "-z", "--no-abbrev", ...pathspecs(settings)])
  );
  const added = parseAddedLines(
    git(settings.cwd, [...diffArgs, "-U0", "--no-color", ...pathspecs(settings)]).toString("utf8")
  );
  if (added.length !== changed.length) {
    throw new Error(`git diff listed ${changed.length} files but printed ${added.length} patches`);
  }
  const diagnostics = [];
  const sources = toSources(settings, prefix, changed, diagnostics);
  const addedLines = /* @__PURE__ */ new Map();
  changed.forEach((entry, index) => {
    const source = sources.get(entry);
    if (source) addedLines.set(source.path, added[index]);
  });
  return { files: sortedByPath([...sources.values()]), diagnostics, addedLines, range: { base, head } };
}
function sortedByPath(files) {
  return files.sort((a, b) => compareStrings(a.path, b.path));
}
function untrackedRoots(settings) {
  return settings.roots.filter(
    (root) => git(settings.cwd, ["--literal-pathspecs", "ls-files", "-z", "--", root]).length === 0
  );
}

// src/scan-workflow.ts
async function scanWorkflow(options) {
  const cwd = options.cwd ?? process.cwd();
  if ([options.staged, options.diff, options.since].filter(Boolean).length > 1) {
    throw new UsageError("use only one of --staged, --diff and --since");
  }
  const range = options.diff ?? (options.since === void 0 ? void 0 : `${options.since}...HEAD`);
  const suppressions = createInlineSuppressions(ruleIds(options.rules));
  let addedLines;
  let comparedRange;
  const collect2 = async (settings) => {
    const picked = options.staged ? stagedFiles(settings) : range ? await rangeAndBuildOutput(settings, range) : await (options.collect ?? walkRoots)(settings);
    addedLines = picked.addedLines;
    comparedRange = picked.range;
    return {
      files: picked.files.map((file) => observed(file, suppressions)),
      diagnostics: picked.diagnostics
    };
  };
  const steps = [];
  if (range) steps.push(createDiffStatusStep(() => addedLines ?? /* @__PURE__ */ new Map()));
  steps.push(suppressions.step);
  if (options.baseline) {
    const file = path13.resolve(cwd, options.baseline);
    steps.push(createBaselineFilter(readBaseline(file), { baselineFile: file, cwd }));
  }
  const outcome = await scan({
    ...options,
    cwd,
    collect: collect2,
    extraSteps: [...options.extraSteps ?? [], ...steps]
  });
  const ignoreProblems = suppressions.diagnostics();
  const notes = options.baseline ? [baselineNote(outcome.stats.suppressed.baseline ?? 0, options.baseline)] : [];
  const failing = range && !options.failOnExisting ? outcome.findings.filter(isNewFinding) : outcome.findings;
  return {
    ...outcome,
    diagnostics: [...outcome.diagnostics, ...ignoreProblems, ...notes],
    failing,
    ignoreProblems,
    ...comparedRange ? { range: comparedRange } : {}
  };
}
function baselineNote(hidden, file) {
  return {
    code: "baseline",
    message: `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by baseline ${file}`
  };
}
function observed(file, suppressions) {
  return {
    ...file,
    read: async () => {
      const bytes = await file.read();
      if (bytes.includes(IGNORE_MARKER)) {
        const decoded = decodeFile(file.path, bytes);
        if (!("skipped" in decoded)) suppressions.observe(file.path, decoded.text);
      }
      return bytes;
    }
  };
}
function workflowExitCode(outcome, reportUnusedIgnores) {
  const code2 = getExitCode(outcome.failing, outcome.settings.failOn);
  return reportUnusedIgnores && outcome.ignoreProblems.length > 0 ? Math.max(code2, EXIT.findings) : code2;
}
async function rangeAndBuildOutput(settings, range) {
  const changed = rangeFiles(settings, range);
  const untracked = untrackedRoots(settings);
  if (untracked.length === 0) return changed;
  const built = await walkRoots({ ...settings, roots: untracked });
  return {
    ...changed,
    files: [...changed.files, ...built.files],
    diagnostics: [...changed.diagnostics, ...built.diagnostics]
  };
}

// src/cli/commands/baseline.ts
function withScanOptions(command) {
  return command.argument("[paths...]", "files or directories to scan (default: .)").addOption(new Option("-o, --output <file>", "the baseline file").default(DEFAULT_BASELINE_FILE)).option("--any-path", "record secrets without their file, so they are known wherever they appear").option(
    "-c, --config <file>",
    "config file (default: clientleak.config.json in the scanned directory or cwd)"
  );
}
async function currentFindings(paths, flags, io) {
  const outcome = await scanWorkflow({
    paths,
    cwd: io.cwd,
    ...flags.config ? { config: flags.config } : {}
  });
  const places2 = { baselineFile: path14.resolve(io.cwd, flags.output), cwd: io.cwd };
  return { findings: outcome.findings, places: places2 };
}
function registerBaseline({ program: program2, io, setExitCode }) {
  const baseline = program2.command("baseline").description("record today's findings as known, so scans with --baseline fail only on new ones");
  withScanOptions(
    baseline.command("create").description("scan and write every finding to the baseline file")
  ).action(async (paths, flags) => {
    const { findings, places: places2 } = await currentFindings(paths, flags, io);
    const entries = entriesFor(findings, places2, flags.anyPath ?? false);
    writeFileSync2(places2.baselineFile, serializeBaseline(entries));
    io.stderr.write(
      `clientleak: wrote ${entries.length} baseline entr${entries.length === 1 ? "y" : "ies"} to ${flags.output}
`
    );
    setExitCode(EXIT.clean);
  });
  withScanOptions(
    baseline.command("update").description("add entries for new findings and prune entries whose secret is gone")
  ).action(async (paths, flags) => {
    const { findings, places: places2 } = await currentFindings(paths, flags, io);
    const update = updateBaseline(
      readBaseline(places2.baselineFile),
      findings,
      places2,
      flags.anyPath ?? false
    );
    writeFileSync2(places2.baselineFile, serializeBaseline(update.entries));
    io.stderr.write(
      `clientleak: ${flags.output}: ${update.added} added, ${update.pruned} pruned, ${update.entries.length} entries
`
    );
    setExitCode(EXIT.clean);
  });
}

// src/cli/commands/context.ts
var EXIT_CODE_HELP = `
Exit codes:
  0  nothing at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, invalid config, unreadable path or internal error`;

// src/report/rule-examples.ts
init_redact();
init_snippet();
init_entropy();
init_placeholders();

// src/scan-text.ts
init_engine();
init_scan_file();
init_classify();
var compiledCache = /* @__PURE__ */ new WeakMap();
var isClient = createClientDetector();
function scanText(text, options = {}) {
  const rules6 = options.rules ?? allRules;
  const compiled = compiledCache.get(rules6) ?? new CompiledRules(rules6);
  compiledCache.set(rules6, compiled);
  const path18 = options.path ?? "src/example.js";
  const head = text.slice(0, 4096);
  const { found: found2 } = scanFileText(
    { path: path18, text, kind: classify(path18, head), isClient: isClient(path18, head) },
    compiled
  );
  const remediation = new Map(rules6.map((rule) => [rule.id, rule.remediation]));
  return buildFindings(found2, {
    remediation: (id) => remediation.get(id) ?? "",
    severityOverrides: /* @__PURE__ */ new Map(),
    isAllowedPath: () => false,
    allowedSecretHashes: /* @__PURE__ */ new Set(),
    showSecrets: options.showSecrets ?? false
  }).findings;
}

// src/report/rule-examples.ts
init_printable();
function showExamples(rule) {
  return {
    matches: rule.examples.positive.map((example) => {
      const findings = scanText(example.text, {
        ...example.path ? { path: example.path } : {},
        showSecrets: true
      });
      const own = findings.find((finding) => finding.ruleId === rule.id && finding.secret === example.secret);
      return own?.occurrences[0]?.snippet ?? redactSecret(example.secret);
    }),
    ignores: rule.examples.negative.map((example) => ({
      text: shownNegative(example.text, example.path),
      why: example.why
    }))
  };
}
var TOKEN = /[A-Za-z0-9+/_-]{20,512}={0,2}/g;
var RANDOM_BITS_PER_CHAR = 3.5;
function shownNegative(text, path18) {
  const found2 = scanText(text, path18 ? { path: path18 } : {})[0]?.occurrences[0]?.snippet;
  if (found2) return found2;
  const line = printableLine(text).trim().replace(TOKEN, (token) => looksRandom(token) ? redactSecret(token) : token);
  return line.length <= SNIPPET_MAX ? line : `${line.slice(0, SNIPPET_MAX - 3)}...`;
}
function looksRandom(token) {
  if (isPlaceholder(token) || isKnownSample(token)) return false;
  return hasCharacterClasses(token, 3) && shannonEntropy(token) >= RANDOM_BITS_PER_CHAR;
}

// src/cli/commands/explain.ts
init_printable();

// src/text/suggest.ts
init_compare();
var MAX_INPUT = 100;
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
function suggest(input, candidates, limit = 3) {
  const typed = input.toLowerCase().slice(0, MAX_INPUT);
  if (!typed) return [];
  const threshold = Math.max(2, Math.floor(typed.length / 4));
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const name = lower.slice(lower.indexOf("/") + 1);
    const score = lower.includes(typed) ? 0 : containsWords(lower, typed) ? 1 : Math.min(editDistance(typed, lower), editDistance(typed, name));
    return { candidate, score };
  });
  return scored.filter(({ score }) => score <= threshold).sort((a, b) => a.score - b.score || compareStrings(a.candidate, b.candidate)).slice(0, limit).map(({ candidate }) => candidate);
}
function containsWords(candidate, typed) {
  const words = new Set(candidate.split(/[/_-]/));
  return typed.split(/[/_-]/).every((word) => words.has(word));
}

// src/text/wrap.ts
function wrapWords(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

// src/cli/commands/explain.ts
var WIDTH = 100;
var INDENT = "  ";
function paragraph(text) {
  return wrapWords(text, WIDTH - INDENT.length).map((line) => `${INDENT}${line}`);
}
function section(title, lines) {
  return lines.length ? ["", title, ...lines] : [];
}
function explainRule(rule) {
  const { matches, ignores } = showExamples(rule);
  const facts = [
    `severity: ${rule.severity}`,
    `confidence: ${rule.confidence}`,
    `keywords: ${rule.keywords.join(", ")}`,
    ...rule.scope === "client" ? ["reported only in code that ships to the browser"] : [],
    ...rule.fileKinds?.length ? [`file kinds: ${rule.fileKinds.join(", ")}`] : []
  ];
  const lines = [
    `${rule.id}: ${rule.title}`,
    ...facts.map((fact) => `${INDENT}${fact}`),
    ...section("Why it matters in a browser", paragraph(rule.description)),
    ...section("What to do", paragraph(rule.remediation)),
    ...section(
      "What it reports (secrets redacted)",
      matches.map((match) => `${INDENT}${printableLine(match)}`.trimEnd())
    ),
    ...section(
      "What it deliberately does not report",
      ignores.flatMap(({ text, why }) => [
        `${INDENT}${printableLine(text)}`,
        `${INDENT}${INDENT}why: ${why}`
      ])
    ),
    ...section(
      "Known misses",
      (rule.examples.knownMisses ?? []).map(({ why }) => `${INDENT}${why}`)
    ),
    ...section(
      "References",
      (rule.references ?? []).map((reference) => `${INDENT}${reference}`)
    )
  ];
  return `${lines.join("\n")}
`;
}
function registerExplain({ program: program2, io, setExitCode }) {
  program2.command("explain").description("what a rule finds, why it matters in a browser, what to do, and examples").argument("<rule-id>", "a rule id, as `clientleak rules` lists them").action((ruleId) => {
    const rule = allRules.find((candidate) => candidate.id === ruleId);
    if (!rule) {
      const close = suggest(
        ruleId,
        allRules.map((candidate) => candidate.id)
      );
      const hint = close.length ? ` Did you mean ${close.join(", ")}?` : "";
      throw new UsageError(
        `unknown rule "${printableLine(ruleId)}".${hint} \`clientleak rules\` lists every rule.`
      );
    }
    io.stdout.write(explainRule(rule));
    setExitCode(EXIT.clean);
  });
}

// src/cli/commands/install-hook.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync as existsSync4,
  mkdirSync,
  readFileSync as readFileSync5,
  statSync as statSync3,
  writeFileSync as writeFileSync3
} from "node:fs";
import path15 from "node:path";
var HOOK_MARKER = "# clientleak pre-commit hook";
var HUSKY_LINE = "npx --no-install clientleak scan --staged";
var PLAIN_HOOK = `#!/bin/sh
${HOOK_MARKER} (installed by \`clientleak install-hook\`): scans the staged content, not the working tree.
if command -v clientleak >/dev/null 2>&1; then
  exec clientleak scan --staged
fi
exec ${HUSKY_LINE}
`;
function gitOutput(cwd, args) {
  const result2 = spawnSync2("git", args, { cwd, encoding: "utf8" });
  if (result2.status !== 0)
    throw new UsageError(
      `install-hook needs a git repository (${(result2.stderr || "git failed").trim().split("\n")[0]})`
    );
  return result2.stdout.trim();
}
function isDirectory2(dir) {
  return existsSync4(dir) && statSync3(dir).isDirectory();
}
function installHook(cwd, force) {
  const top = gitOutput(cwd, ["rev-parse", "--show-toplevel"]);
  const husky = path15.join(top, ".husky");
  if (isDirectory2(husky)) return addToHusky(path15.join(husky, "pre-commit"));
  const hooksDir = path15.resolve(cwd, gitOutput(cwd, ["rev-parse", "--git-path", "hooks"]));
  const file = path15.join(hooksDir, "pre-commit");
  if (existsSync4(file)) {
    const current = readFileSync5(file, "utf8");
    if (current === PLAIN_HOOK) return { file, action: "already installed" };
    if (!current.includes(HOOK_MARKER) && !force) {
      throw new UsageError(
        `${file} already exists and was not written by clientleak; add "${HUSKY_LINE}" to it yourself, or run install-hook --force (keeps a .bak copy)`
      );
    }
    if (!current.includes(HOOK_MARKER)) copyFileSync(file, `${file}.bak`);
    writeHook(file);
    return { file, action: current.includes(HOOK_MARKER) ? "installed" : "replaced" };
  }
  mkdirSync(hooksDir, { recursive: true });
  writeHook(file);
  return { file, action: "installed" };
}
function writeHook(file) {
  writeFileSync3(file, PLAIN_HOOK);
  chmodSync(file, 493);
}
function addToHusky(file) {
  const current = existsSync4(file) ? readFileSync5(file, "utf8") : "";
  if (current.split("\n").some((line) => line.trim() === HUSKY_LINE))
    return { file, action: "already installed" };
  const separator = current === "" || current.endsWith("\n") ? "" : "\n";
  writeFileSync3(file, `${current}${separator}${HUSKY_LINE}
`);
  chmodSync(file, 493);
  return { file, action: "added to husky" };
}
function registerInstallHook({ program: program2, io, setExitCode }) {
  program2.command("install-hook").description(
    "install a git pre-commit hook that runs `clientleak scan --staged` (or add it to .husky/pre-commit)"
  ).option("--force", "replace a pre-commit hook that clientleak did not write (a .bak copy is kept)").action((flags) => {
    const result2 = installHook(io.cwd, flags.force ?? false);
    io.stderr.write(`clientleak: ${result2.action}: ${path15.relative(io.cwd, result2.file) || result2.file}
`);
    setExitCode(EXIT.clean);
  });
}

// src/cli/commands/merge.ts
import { readFileSync as readFileSync6, writeFileSync as writeFileSync5 } from "node:fs";
import path17 from "node:path";
init_redact();

// src/merge-reports.ts
init_redact();
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isFinding(value) {
  return isRecord2(value) && typeof value.fingerprint === "string" && typeof value.severity === "string" && Array.isArray(value.occurrences);
}
function parseJsonReport(text, name) {
  let report;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name}: not JSON (${describeError(error)})`);
  }
  if (!isRecord2(report) || report.schemaVersion !== 1) {
    throw new UsageError(
      `${name}: not a clientleak JSON report with schemaVersion 1 (scan with --format json)`
    );
  }
  if (!Array.isArray(report.findings) || !report.findings.every(isFinding) || !Array.isArray(report.diagnostics) || !isRecord2(report.stats)) {
    throw new UsageError(`${name}: malformed clientleak report (findings, diagnostics or stats missing)`);
  }
  return report;
}
var occurrenceKey = ({ location, layer }) => JSON.stringify([
  location.path,
  location.virtualSource ?? "",
  location.start.line,
  location.start.column,
  layer
]);
var diagnosticKey = (diagnostic) => JSON.stringify([diagnostic.code, diagnostic.path ?? "", diagnostic.message]);
function mergeFindings(reports) {
  const byFingerprint = /* @__PURE__ */ new Map();
  for (const finding of reports.flatMap((report) => report.findings)) {
    const entry = byFingerprint.get(finding.fingerprint);
    if (!entry) {
      byFingerprint.set(finding.fingerprint, {
        finding: { ...finding, occurrences: [...finding.occurrences] },
        seen: new Set(finding.occurrences.map(occurrenceKey))
      });
      continue;
    }
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.finding.severity])
      entry.finding.severity = finding.severity;
    for (const occurrence of finding.occurrences) {
      const key = occurrenceKey(occurrence);
      if (entry.seen.has(key)) continue;
      entry.seen.add(key);
      entry.finding.occurrences.push(occurrence);
    }
  }
  return sortFindings([...byFingerprint.values()].map((entry) => entry.finding));
}
function mergeStats(reports) {
  const suppressed = {};
  for (const report of reports) {
    for (const [reason, count] of Object.entries(report.stats.suppressed ?? {}))
      suppressed[reason] = (suppressed[reason] ?? 0) + count;
  }
  const sum = (field) => reports.reduce((total, report) => total + (report.stats[field] ?? 0), 0);
  return {
    filesScanned: sum("filesScanned"),
    filesSkipped: sum("filesSkipped"),
    bytesScanned: sum("bytesScanned"),
    // Shards run side by side: the merged scan took as long as its slowest shard.
    durationMs: Math.max(0, ...reports.map((report) => report.stats.durationMs ?? 0)),
    suppressed
  };
}
function mergeReports(reports) {
  const diagnostics = /* @__PURE__ */ new Map();
  for (const diagnostic of reports.flatMap((report) => report.diagnostics))
    diagnostics.set(diagnosticKey(diagnostic), diagnostic);
  return {
    findings: mergeFindings(reports),
    diagnostics: [...diagnostics.values()],
    stats: mergeStats(reports)
  };
}
function mergedFailOn(reports) {
  return reports.map((report) => report.failOn).reduce((lowest, failOn) => SEVERITY_RANK[failOn] < SEVERITY_RANK[lowest] ? failOn : lowest);
}

// src/report/placements.ts
function lineKey(location) {
  return `${location.path}\0${location.virtualSource ?? ""}\0${location.start.line}`;
}
function placeOccurrences(occurrences) {
  const sources = [];
  const shipped = [];
  for (const occurrence of occurrences) {
    const role = isShipped(occurrence) ? "shipped" : "source";
    (role === "shipped" ? shipped : sources).push({ role, location: occurrence.location, occurrence });
  }
  const listed = new Set(sources.map((placement) => lineKey(placement.location)));
  for (const { occurrence } of shipped) {
    const original = occurrence?.original;
    if (!original || listed.has(lineKey(original))) continue;
    listed.add(lineKey(original));
    sources.push({ role: "source", location: original, mappedFrom: occurrence.location.path });
  }
  return [...sources, ...shipped];
}

// src/report/github.ts
var LEVEL = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "notice",
  info: "notice"
};
var PLACES_NAMED = 3;
function escapeData(value) {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(value) {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function workflowCommand(command, properties, message) {
  const props = Object.entries(properties).filter((entry) => entry[1] !== void 0).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
function positionProperties(location) {
  if (location.virtualSource !== void 0) return { file: location.path };
  const oneLine2 = location.start.line === location.end.line;
  return {
    file: location.path,
    line: location.start.line,
    endLine: location.end.line,
    col: oneLine2 ? location.start.column : void 0,
    endColumn: oneLine2 ? location.end.column : void 0
  };
}
function describe2(location) {
  const where3 = `${location.path}:${location.start.line}:${location.start.column}`;
  return location.virtualSource ? `${location.virtualSource} (inside ${location.path})` : where3;
}
function annotation(finding) {
  const [primary, ...others] = placeOccurrences(finding.occurrences);
  const existing = finding.occurrences.every((occurrence) => occurrence.status === "existing");
  const named2 = others.slice(0, PLACES_NAMED).map((placement) => describe2(placement.location));
  const more = others.length > PLACES_NAMED ? ` and ${others.length - PLACES_NAMED} more` : "";
  const elsewhere = named2.length ? ` Also in ${named2.join(", ")}${more}.` : "";
  const message = `${finding.message}: ${finding.redacted}.${elsewhere} What to do: ${finding.remediation}`.trim();
  const title = `${existing ? "[existing] " : ""}${finding.severity}: ${finding.title} (${finding.ruleId})`;
  return workflowCommand(
    LEVEL[finding.severity],
    { ...positionProperties(primary.location), title },
    message
  );
}
var githubReporter = (result2) => result2.findings.map((finding) => `${annotation(finding)}
`).join("");

// src/report/json.ts
var JSON_SCHEMA_VERSION = 1;
var jsonReporter = (result2, context) => `${JSON.stringify(
  {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    failOn: context.failOn,
    findings: result2.findings,
    diagnostics: result2.diagnostics,
    stats: { ...result2.stats, durationMs: Math.round(result2.stats.durationMs) }
  },
  null,
  2
)}
`;

// src/report/markdown.ts
var PLACES_SHOWN = 4;
function printable(value) {
  return value.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function cell(value) {
  return printable(value).replace(/[\\`*_{}[\]()#+!~>|-]/g, (character) => `\\${character}`).replace(/&/g, "&amp;").replace(/</g, "&lt;");
}
function code(value) {
  const text = printable(value).replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((run2) => run2[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
function where(placement) {
  const { location } = placement;
  const position = `${location.path}:${location.start.line}:${location.start.column}`;
  const place = location.virtualSource ? `${location.virtualSource} (inside ${location.path})` : position;
  return `${placement.role === "shipped" ? "shipped: " : ""}${code(place)}`;
}
function places(finding) {
  const placements = placeOccurrences(finding.occurrences);
  const shown = placements.slice(0, PLACES_SHOWN).map(where);
  if (placements.length > PLACES_SHOWN) shown.push(`and ${placements.length - PLACES_SHOWN} more`);
  return shown.join("<br>");
}
function status(finding) {
  return finding.occurrences.some((occurrence) => occurrence.status !== "existing") ? "new" : "existing";
}
function heading(result2) {
  const { findings } = result2;
  if (findings.length === 0) return "## clientleak: no leaked credentials found";
  const counts = SEVERITIES.map(
    (severity) => [severity, findings.filter((finding) => finding.severity === severity).length]
  ).filter(([, count]) => count > 0).map(([severity, count]) => `${count} ${severity}`);
  return `## clientleak: ${findings.length} leaked credential${findings.length === 1 ? "" : "s"} (${counts.join(", ")})`;
}
function table(findings) {
  const withStatus = findings.some(
    (finding) => finding.occurrences.some((occurrence) => occurrence.status !== void 0)
  );
  const header = ["Severity", "Finding", "Secret (redacted)", "Where", ...withStatus ? ["Status"] : []];
  const rows = findings.map((finding) => [
    `**${finding.severity}**`,
    `${cell(finding.title)}<br>${code(finding.ruleId)}`,
    code(finding.redacted),
    places(finding),
    ...withStatus ? [status(finding)] : []
  ]);
  return [header, header.map(() => "---"), ...rows].map((row) => `| ${row.join(" | ")} |`);
}
function whatToDo(findings) {
  const byRule = /* @__PURE__ */ new Map();
  for (const finding of findings) if (!byRule.has(finding.ruleId)) byRule.set(finding.ruleId, finding);
  return [
    "### What to do",
    "",
    "A credential that reached client-side code is public: removing it from the code is not enough.",
    "",
    "1. **Rotate it first** \u2014 revoke the key and issue a new one (for Medblocks keys: the Medblocks dashboard, Settings \u2192 API Keys).",
    "2. **Move the call to your backend** \u2014 the browser talks to your server; your server holds the key and calls the API.",
    "3. **Rebuild and redeploy**, so no old bundle or source map still carries the secret.",
    "",
    ...[...byRule.values()].map(
      (finding) => `- ${cell(finding.title)} (${code(finding.ruleId)}): ${cell(finding.remediation)}`
    )
  ];
}
function footer(result2) {
  const { stats } = result2;
  const parts = [`${stats.filesScanned} files scanned`, `${stats.filesSkipped} skipped`];
  const hidden = Object.entries(stats.suppressed).map(([reason, count]) => `${count} ${cell(reason)}`);
  if (hidden.length) parts.push(`hidden: ${hidden.join(", ")}`);
  return `<sub>${parts.join(" \xB7 ")}</sub>`;
}
var markdownReporter = (result2) => {
  const lines = [heading(result2), ""];
  if (result2.findings.length > 0) lines.push(...table(result2.findings), "", ...whatToDo(result2.findings), "");
  lines.push(footer(result2));
  return `${lines.join("\n")}
`;
};

// src/report/sarif.ts
var SECURITY_SEVERITY = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0"
};
var LEVEL2 = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note"
};
function toRelativeUri(path18) {
  return path18.split("/").map(encodeURIComponent).join("/");
}
function ruleName(id) {
  return id.split(/[/-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");
}
function sarifRule(rule) {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}

What to do: ${rule.remediation}`,
      markdown: `${rule.description}

**What to do:** ${rule.remediation}`
    },
    defaultConfiguration: { level: LEVEL2[rule.severity] },
    properties: {
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: rule.confidence === "exact" ? "very-high" : "medium",
      tags: ["security", "secret", "external/cwe/cwe-798", rule.id.split("/")[0]]
    },
    ...rule.references?.length ? { helpUri: rule.references[0] } : {}
  };
}
function physicalLocation(location) {
  return {
    artifactLocation: { uri: toRelativeUri(location.path), uriBaseId: "%SRCROOT%" },
    ...location.virtualSource ? {} : {
      region: {
        startLine: location.start.line,
        startColumn: location.start.column,
        endLine: location.end.line,
        endColumn: location.end.column
      }
    }
  };
}
function describeLocation(occurrence) {
  const { location } = occurrence;
  const where3 = `${location.path}:${location.start.line}:${location.start.column}`;
  const inside = location.virtualSource ? `${location.virtualSource} (inside ${where3})` : where3;
  const original = occurrence.original;
  return original ? `${inside}, mapped from ${original.path}:${original.start.line}:${original.start.column}` : inside;
}
function primaryAndRelated(finding) {
  const [first, ...rest] = finding.occurrences;
  if (first?.original && first.originalInRepository)
    return { primary: first.original, related: finding.occurrences };
  return { primary: first.location, related: rest };
}
function result(finding, ruleIndex) {
  const { primary, related: others } = primaryAndRelated(finding);
  const elsewhere = others.length ? ` Also found in ${others.length} other place${others.length > 1 ? "s" : ""}.` : "";
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL2[finding.severity],
    message: { text: `${finding.message}: ${finding.redacted}.${elsewhere} ${finding.remediation}`.trim() },
    locations: [{ physicalLocation: physicalLocation(primary) }],
    ...others.length ? {
      relatedLocations: others.map((occurrence, index) => ({
        id: index + 1,
        physicalLocation: physicalLocation(occurrence.location),
        message: { text: `Same secret in ${describeLocation(occurrence)}` }
      }))
    } : {},
    partialFingerprints: { "clientleakFingerprint/v1": finding.fingerprint },
    properties: { severity: finding.severity, secretLength: finding.secretLength }
  };
}
var sarifReporter = (scan2, context) => {
  const rules6 = [...context.rules];
  const indexById = new Map(rules6.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.informationUri,
            rules: rules6.map(sarifRule)
          }
        },
        columnKind: "utf16CodeUnits",
        results: scan2.findings.map((finding) => result(finding, indexById.get(finding.ruleId) ?? -1))
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}
`;
};

// src/report/text.ts
init_printable();

// src/text/units.ts
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)} s`;
  const seconds = Math.round(ms / 1e3);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// src/report/text.ts
var PLACES_SHOWN2 = 8;
var SKIPS_SHOWN = 10;
var LABEL_WIDTH = 11;
var INDENT2 = "  ";
var ANSI = {
  reset: "\x1B[0m",
  bold: "\x1B[1m",
  dim: "\x1B[2m",
  green: "\x1B[32m",
  yellow: "\x1B[33m",
  badge: {
    critical: "\x1B[1;97;45m",
    high: "\x1B[1;97;41m",
    medium: "\x1B[1;30;43m",
    low: "\x1B[1;97;44m",
    info: "\x1B[1;30;47m"
  },
  severity: {
    critical: "\x1B[1;35m",
    high: "\x1B[1;31m",
    medium: "\x1B[33m",
    low: "\x1B[34m",
    info: "\x1B[2m"
  }
};
var UNICODE_GLYPHS = { ellipsis: "\u2026", gutter: "\u2502", pointer: "\u203A", separator: " \xB7 ", done: "\u2714" };
var ASCII_GLYPHS = { ellipsis: "...", gutter: "|", pointer: ">", separator: ", ", done: "OK" };
function themeFor(styled) {
  if (!styled) {
    return {
      paint: (_style, text) => text,
      glyphs: ASCII_GLYPHS,
      badge: (severity) => `[${severity.toUpperCase()}]`
    };
  }
  return {
    paint: (style, text) => `${style}${text}${ANSI.reset}`,
    glyphs: UNICODE_GLYPHS,
    badge: (severity) => `${ANSI.badge[severity]} ${severity.toUpperCase()} ${ANSI.reset}`
  };
}
function where2(occurrence) {
  const { location } = occurrence;
  const position = `${location.start.line}:${location.start.column}`;
  return location.virtualSource ? `${location.virtualSource}:${position} (inside ${location.path})` : `${location.path}:${position}`;
}
function labelled(label, value, theme) {
  return `${INDENT2}${theme.paint(ANSI.dim, label.padEnd(LABEL_WIDTH))}${value}`;
}
function renderFinding(finding, theme) {
  const lines = [
    `${theme.badge(finding.severity)} ${theme.paint(ANSI.bold, finding.title)}  ${theme.paint(ANSI.dim, finding.ruleId)}`
  ];
  if (finding.message !== finding.title) lines.push(`${INDENT2}${printableLine(finding.message)}`);
  lines.push(
    labelled(
      finding.evidence === "code" ? "found" : "secret",
      theme.paint(ANSI.severity[finding.severity], finding.secret ?? finding.redacted),
      theme
    )
  );
  const placements = placeOccurrences(finding.occurrences);
  for (const placement of placements.slice(0, PLACES_SHOWN2))
    lines.push(...renderPlacement(placement, finding, theme));
  const more = placements.length - PLACES_SHOWN2;
  if (more > 0) {
    const places2 = more === 1 ? "place" : "places";
    lines.push(
      `${INDENT2}${" ".repeat(LABEL_WIDTH)}${theme.glyphs.ellipsis} and ${more} more ${places2} (all of them are in --format json)`
    );
  }
  if (finding.remediation) lines.push(labelled("what to do", finding.remediation, theme));
  return lines;
}
function renderPlacement(placement, finding, theme) {
  const { occurrence } = placement;
  let value = printableLine(where2(placement));
  if (placement.mappedFrom)
    value += theme.paint(ANSI.dim, ` (mapped from ${printableLine(placement.mappedFrom)})`);
  if (occurrence?.keyPath) value += theme.paint(ANSI.dim, `  ${printableLine(occurrence.keyPath)}`);
  const lines = [labelled(placement.role, value, theme)];
  if (occurrence) {
    const frame = occurrence.frame ?? [
      { line: occurrence.location.start.line, text: occurrence.snippet, match: true }
    ];
    const shown = placement.role === "source" ? frame : frame.filter((line) => line.match);
    lines.push(...renderFrame(shown, finding.redacted, theme));
    for (const note of occurrence.notes ?? [])
      lines.push(labelled("", theme.paint(ANSI.dim, `note: ${printableLine(note)}`), theme));
  }
  return lines;
}
function renderFrame(frame, redacted, theme) {
  const width = Math.max(...frame.map((line) => String(line.line).length));
  const { glyphs } = theme;
  return frame.map((line) => {
    const pointer = line.match ? theme.paint(ANSI.bold, glyphs.pointer) : " ";
    const gutter = theme.paint(ANSI.dim, `${String(line.line).padStart(width)} ${glyphs.gutter}`);
    const text = printableLine(line.text);
    const body = line.match ? text.replace(redacted, () => theme.paint(ANSI.bold + ANSI.yellow, redacted)) : theme.paint(ANSI.dim, text);
    const start = line.clippedStart ? theme.paint(ANSI.dim, glyphs.ellipsis) : "";
    const end = line.clippedEnd ? theme.paint(ANSI.dim, glyphs.ellipsis) : "";
    return `${INDENT2}${" ".repeat(LABEL_WIDTH - 2)}${pointer} ${gutter} ${start}${body}${end}`.trimEnd();
  });
}
function countBy(items, key) {
  const counts = /* @__PURE__ */ new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
function renderSummary(result2, theme) {
  const { stats } = result2;
  const { glyphs } = theme;
  const bySeverity = countBy(result2.findings, (finding) => finding.severity);
  const counts = SEVERITIES.filter((severity) => bySeverity.has(severity)).map(
    (severity) => theme.paint(ANSI.severity[severity], `${bySeverity.get(severity)} ${severity}`)
  );
  const lines = [
    result2.findings.length === 0 ? theme.paint(ANSI.green + ANSI.bold, `${glyphs.done} No findings`) : `${theme.paint(ANSI.bold, plural(result2.findings.length, "finding"))}: ${counts.join(glyphs.separator)}`,
    `Scanned ${plural(stats.filesScanned, "file")} (${formatBytes(stats.bytesScanned)}) in ${formatDuration(stats.durationMs)}`
  ];
  const hidden = Object.entries(stats.suppressed).filter(([, count]) => count > 0);
  if (hidden.length)
    lines.push(`Hidden: ${hidden.map(([reason, count]) => `${count} ${reason}`).join(glyphs.separator)}`);
  const skipped = result2.diagnostics.filter((diagnostic) => diagnostic.skipped);
  if (skipped.length) {
    const byReason = countBy(skipped, (diagnostic) => diagnostic.code.replace(/^skipped-/, ""));
    const reasons = [...byReason].map(([reason, count]) => `${count} ${reason}`).join(glyphs.separator);
    lines.push(`Skipped ${plural(skipped.length, "file")} (${reasons}):`);
    for (const diagnostic of skipped.slice(0, SKIPS_SHOWN)) {
      lines.push(
        `${INDENT2}${printableLine(diagnostic.path ?? "(no path)")}  ${theme.paint(ANSI.dim, printableLine(diagnostic.message.replace(/^skipped: /, "")))}`
      );
    }
    if (skipped.length > SKIPS_SHOWN)
      lines.push(`${INDENT2}${glyphs.ellipsis} and ${skipped.length - SKIPS_SHOWN} more`);
  }
  return lines;
}
var textReporter = (result2, context) => {
  const theme = themeFor(context.color);
  const blocks = result2.findings.flatMap((finding) => [...renderFinding(finding, theme), ""]);
  return `${[...blocks, ...renderSummary(result2, theme)].join("\n")}
`;
};

// src/report/index.ts
var REPORTERS = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter
};
var FORMAT_NAMES = Object.keys(REPORTERS);

// src/cli/commands/scan.ts
import { writeFileSync as writeFileSync4 } from "node:fs";
import path16 from "node:path";
init_printable();
init_timing();

// src/cli/progress.ts
var DEFAULT_DELAY_MS = 500;
var DEFAULT_INTERVAL_MS = { redraw: 100, lines: 1e4 };
var CLEAR_LINE = "\r\x1B[K";
function progressMode(io, flags) {
  const terminal = io.stderr.isTTY === true;
  if (flags.progress === true) return terminal ? "redraw" : "lines";
  if (flags.progress === false || flags.quiet || io.env.CI !== void 0) return void 0;
  return terminal ? "redraw" : void 0;
}
function describeProgress(progress, elapsedMs) {
  const { filesDone, filesTotal, bytesDone, bytesTotal } = progress;
  const parts = [
    `scanning ${filesDone}/${filesTotal} files`,
    `${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`
  ];
  if (bytesDone > 0 && bytesDone < bytesTotal) {
    parts.push(`about ${formatDuration(elapsedMs * (bytesTotal - bytesDone) / bytesDone)} left`);
  }
  return `clientleak: ${parts.join(", ")}`;
}
function createProgressLine(stream, options) {
  const now = options.now ?? (() => performance.now());
  const delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS[options.mode];
  const started = now();
  let lastDrawn;
  return {
    update(progress) {
      const time = now();
      if (time - started < delayMs) return;
      if (lastDrawn !== void 0 && time - lastDrawn < intervalMs) return;
      lastDrawn = time;
      const line = describeProgress(progress, time - started);
      if (options.mode === "lines") stream.write(`${line}
`);
      else stream.write(`${CLEAR_LINE}${stream.columns ? line.slice(0, stream.columns - 1) : line}`);
    },
    finish() {
      if (options.mode === "redraw" && lastDrawn !== void 0) stream.write(CLEAR_LINE);
    }
  };
}
function startProgress(io, flags) {
  const mode = progressMode(io, flags);
  return mode ? createProgressLine(io.stderr, { mode }) : void 0;
}

// src/cli/commands/scan.ts
var DIAGNOSTICS_SHOWN = 20;
function collect(value, previous) {
  return [...previous, value];
}
function parseJobs(value) {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs: "${value}" is not a whole number \u2265 1`);
  return jobs;
}
function parseMegabytes(value) {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw new UsageError(`--max-file-size: "${value}" is not a positive number of MB`);
  return megabytes;
}
function useColor(io, flags) {
  if (!flags.color || flags.output || io.env.NO_COLOR !== void 0 || io.env.CI !== void 0) return false;
  return io.stdout.isTTY === true;
}
function writeDiagnostics(diagnostics, io) {
  for (const diagnostic of diagnostics.slice(0, DIAGNOSTICS_SHOWN)) {
    const where3 = diagnostic.path ? `${printableLine(diagnostic.path)}: ` : "";
    io.stderr.write(`clientleak: ${where3}${printableLine(diagnostic.message)}
`);
  }
  if (diagnostics.length > DIAGNOSTICS_SHOWN) {
    io.stderr.write(
      `clientleak: \u2026 ${diagnostics.length - DIAGNOSTICS_SHOWN} more diagnostics (all of them are in --format json)
`
    );
  }
}
async function runScan(paths, flags, io) {
  const progress = startProgress(io, flags);
  const outcome = await scanWorkflow({
    paths,
    ...flags.staged ? { staged: true } : {},
    ...flags.diff ? { diff: flags.diff } : {},
    ...flags.since ? { since: flags.since } : {},
    ...flags.baseline ? { baseline: flags.baseline } : {},
    failOnExisting: flags.failOnExisting ?? false,
    cwd: io.cwd,
    ...flags.config ? { config: flags.config } : {},
    include: flags.include,
    exclude: flags.exclude,
    ...flags.failOn ? { failOn: flags.failOn } : {},
    ...flags.maxFileSize ? { maxFileSizeMB: flags.maxFileSize } : {},
    showSecrets: flags.showSecrets ?? false,
    ...flags.jobs ? { jobs: flags.jobs } : {},
    ...flags.shard ? { shard: flags.shard } : {},
    ...progress ? { onProgress: progress.update } : {}
  }).finally(() => progress?.finish());
  const reportStarted = timing?.start() ?? 0;
  const report = REPORTERS[flags.format](outcome, {
    rules: allRules,
    failOn: outcome.settings.failOn,
    color: useColor(io, flags)
  });
  if (flags.output) writeFileSync4(path16.resolve(io.cwd, flags.output), report);
  else io.stdout.write(report);
  timing?.stop("report", reportStarted);
  if (!flags.quiet) writeDiagnostics(outcome.diagnostics, io);
  return workflowExitCode(outcome, flags.reportUnusedIgnores ?? false);
}
function registerScan({ program: program2, io, setExitCode }) {
  program2.command("scan").description("scan files and directories (default: the current directory)").argument("[paths...]", "files or directories to scan").addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").addOption(
    new Option("--fail-on <severity>", "lowest severity that fails the run (default: low)").choices(
      SEVERITIES
    )
  ).option("--show-secrets", "print secrets in full (never use in CI logs)").option(
    "-c, --config <file>",
    "config file (default: clientleak.config.json in the scanned directory or cwd)"
  ).option("--include <glob>", "only scan files matching the glob (repeatable)", collect, []).option("--exclude <glob>", "skip files matching the glob (repeatable)", collect, []).option("--max-file-size <MB>", "skip files larger than this (default: 50)", parseMegabytes).option(
    "-j, --jobs <n>",
    "worker threads (default: one per core; small scans always run in-process)",
    parseJobs
  ).option(
    "--shard <i/n>",
    "scan only shard i of n (files split by path hash, for CI matrices; see `merge`)",
    parseShard
  ).option("--staged", "scan the staged content (the git index), not the working tree").option(
    "--diff <base...head>",
    "scan only files this git range changed, read at head; only added lines fail"
  ).option("--since <ref>", "the same as --diff <ref>...HEAD").option(
    "--fail-on-existing",
    "with --diff/--since: findings already there before the range fail the run too"
  ).option(
    "--baseline <file>",
    "hide the known findings recorded in this baseline (see: clientleak baseline)"
  ).option("--report-unused-ignores", "fail on ignore comments that silence nothing or name an unknown rule").option("--no-color", "no ANSI colours (also: NO_COLOR, CI, non-TTY output)").option("-q, --quiet", "no diagnostics on stderr").option("--progress", "progress line on stderr (default: only on a terminal, outside CI)").option("--no-progress", "never show a progress line").addHelpText("after", EXIT_CODE_HELP).action(async (paths, flags) => {
    setExitCode(await runScan(paths, flags, io));
  });
}

// src/cli/commands/merge.ts
function readReport(file, io) {
  let text;
  try {
    text = readFileSync6(path17.resolve(io.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${error.code ?? describeError(error)}`
    );
  }
  return parseJsonReport(text, file);
}
function runMerge(files, flags, io) {
  const reports = files.map((file) => readReport(file, io));
  const result2 = mergeReports(reports);
  const failOn = flags.failOn ?? mergedFailOn(reports);
  const report = REPORTERS[flags.format](result2, { rules: allRules, failOn, color: useColor(io, flags) });
  if (flags.output) writeFileSync5(path17.resolve(io.cwd, flags.output), report);
  else io.stdout.write(report);
  if (!flags.quiet) writeDiagnostics(result2.diagnostics, io);
  return getExitCode(result2.findings, failOn);
}
function registerMerge({ program: program2, io, setExitCode }) {
  program2.command("merge").description("combine JSON reports (from `scan --shard i/n --format json`) into one report").argument("<reports...>", "JSON report files").addOption(new Option("-f, --format <format>", "output format").choices(FORMAT_NAMES).default("text")).option("-o, --output <file>", "write the report to a file instead of stdout").addOption(
    new Option(
      "--fail-on <severity>",
      "lowest severity that fails the run (default: the reports' own)"
    ).choices(SEVERITIES)
  ).option("--no-color", "no ANSI colours (also: NO_COLOR, CI, non-TTY output)").option("-q, --quiet", "no diagnostics on stderr").addHelpText("after", EXIT_CODE_HELP).action((files, flags) => {
    setExitCode(runMerge(files, flags, io));
  });
}

// src/cli/commands/rules.ts
function registerRules({ program: program2, io, setExitCode }) {
  program2.command("rules").description("list every rule: id, severity, title").action(() => {
    const width = Math.max(...allRules.map((rule) => rule.id.length));
    for (const rule of allRules)
      io.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}
`);
    setExitCode(EXIT.clean);
  });
}

// src/cli/program.ts
var COMMANDS = [
  registerScan,
  registerRules,
  registerExplain,
  registerMerge,
  registerInstallHook,
  registerBaseline
];
function buildProgram(io, setExitCode) {
  const program2 = new Command("clientleak").description(
    "Find credentials that leaked into client-side code: sources, bundles, source maps, .env files."
  ).version(TOOL.version).addHelpText("after", EXIT_CODE_HELP).exitOverride().showSuggestionAfterError().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text)
  });
  for (const register of COMMANDS) register({ program: program2, io, setExitCode });
  for (const command of program2.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text)
    });
  }
  return program2;
}
async function run(argv, io) {
  let exitCode = EXIT.clean;
  const program2 = buildProgram(io, (code2) => {
    exitCode = code2;
  });
  try {
    await program2.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}
function handleError(error, io) {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.clean : EXIT.error;
  }
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr.write(`clientleak: ${error.message}
`);
    return EXIT.error;
  }
  io.stderr.write(
    `clientleak: internal error: ${describeError(error)}
${error instanceof Error ? stackFrames(error) : ""}
`
  );
  return EXIT.error;
}
function stackFrames(error) {
  return (error.stack ?? "").split("\n").slice(1).join("\n");
}

// src/cli/main.ts
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await run(process.argv.slice(2), processIo());
