/**
 * The words generated text is made of. Every word, with the space before it
 * (and every template's first word without it), is one token in both o200k_base
 * and cl100k_base, and so is each punctuation mark: the text's token pieces are
 * known as it is written, with no tokenizer run (test/vocabulary.test.ts checks
 * each entry against js-tiktoken).
 */

const words = (text: string): readonly string[] => Object.freeze(text.trim().split(/\s+/));

export const VOCABULARY: Readonly<Record<'noun' | 'adj' | 'verb' | 'abbr', readonly string[]>> = {
  noun: words(`
    system network server database protocol interface driver firewall bus circuit array matrix pixel panel
    card feed port program application sensor monitor alarm bandwidth capacity transmitter cache cluster
    kernel socket router switch compiler parser queue buffer stack thread process pipeline scheduler gateway
    proxy container module plugin widget console terminal cable antenna battery processor controller adapter
    bridge channel signal packet frame stream index schema table record cursor token session cookie
    certificate key hash checksum backup mirror replica node graph tree heap register memory disk drive
    volume partition filesystem directory folder file archive log metric dashboard alert model engine
    service client endpoint framework library runtime debugger emulator simulator script loop function
    variable parameter payload request response header footer layout template theme sprite shader texture
    canvas display screen keyboard mouse printer scanner camera speaker microphone chip board clock timer
    counter`),
  adj: words(`
    digital virtual wireless mobile optical primary redundant neural open solid auxiliary online backup
    remote local global parallel serial binary dynamic static legacy modern secure encrypted compressed
    distributed central external internal physical logical automatic manual main secondary spare broken
    fast slow tiny huge hidden public private shared default custom generic raw clean dirty stale fresh`),
  verb: words(`
    connect compress index parse generate calculate copy override transmit program reboot bypass navigate
    quantify hack input restart deploy compile debug patch cache encrypt decrypt mirror route ping scan
    sync merge split filter sort rebuild reset monitor update upgrade install configure optimize test
    validate format migrate archive restore load export import render flush clear lock unlock`),
  abbr: words('SQL API HTTP JSON TCP USB CPU GPU XML RAM SSL DNS PDF SMS HTML CSS AI IP UDP SSD FTP RSS PCI HDD SSH VPN LAN DMA BIOS ROM GUI CLI SDK URL'),
};

/** Sentence templates: `{noun}` and the like are filled from VOCABULARY. */
export const TEMPLATES: readonly string[] = Object.freeze([
  'Our {adj} {noun} is down, so we should {verb} the {abbr} {noun}.',
  'Try to {verb} the {noun} before the {adj} {noun} is offline.',
  'The {abbr} {noun} will {verb} the {adj} {noun} for us.',
  'You can {verb} the {noun}, but the {adj} {abbr} {noun} still needs work.',
  'Once we {verb} the {adj} {noun}, the {noun} should be fine.',
  'Maybe the {noun} can {verb} the {abbr} {noun} on its own.',
  'Use the {adj} {noun} to {verb} every {abbr} {noun}.',
  'We could {verb} the {noun} and then {verb} the {adj} {noun}.',
  'Nobody can {verb} the {abbr} {noun} while the {noun} is down.',
  'Let the {adj} {noun} {verb} the {noun} while we {verb} the {abbr} {noun}.',
  'If we {verb} the {noun} first, the {adj} {abbr} {noun} will {verb} again.',
  'Why does the {adj} {noun} {verb} the {abbr} {noun} every time?',
]);
