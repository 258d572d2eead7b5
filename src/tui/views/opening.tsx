/** A large model being loaded: shown for the frame before the load, which holds the terminal for seconds. */
import { Box } from 'ink';
import { T } from '../components/styled.js';
import { cut, s } from '../format.js';

type Props = {
  readonly file: string;
  readonly characters: number;
  readonly width: number;
};

export function OpeningView({ file, characters, width }: Props) {
  const size = `${(characters / 1e6).toFixed(1)} million characters`;
  return (
    <Box flexDirection="column" width={width}>
      <T bold>{cut(`Opening ${s(file)} (${size})`, width)}</T>
      <T dim>
        {cut(
          'Parsing and checking every line; the inventory follows, then the risk badges and the CI findings.',
          width,
        )}
      </T>
    </Box>
  );
}
