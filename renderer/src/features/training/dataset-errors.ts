/** An error of building a snapshot, in words, with where to go to fix it. */
export interface DatasetProblem {
  message: string;
  /** A hash route that helps (e.g. the adjudication queue), with its link text. */
  link: { route: string; text: string } | null;
}

/**
 * The core refuses a split with too few patients ('0 patients remain for training, too few for 10
 * folds ...'). Zero means no series has a complete consensus yet: say that, and point to where
 * consensus is made, rather than talk about folds.
 */
export function datasetProblem(message: string): DatasetProblem {
  const few = /^(\d+) patients? remain for training, too few for (\d+) folds/.exec(message);
  if (few && few[1] === '0') {
    return {
      message:
        'The dataset would be empty: no series has a complete consensus yet. A series enters a dataset when both readers have locked their reads and every discordant slice is adjudicated.',
      link: { route: '/adjudication', text: 'Open Adjudication' },
    };
  }
  if (few) {
    return {
      message: `${message} Series without a complete consensus (reads not locked, discordant slices not adjudicated) are left out of the patient count.`,
      link: { route: '/adjudication', text: 'Open Adjudication' },
    };
  }
  if (/^Test patients not in the dataset/.test(message)) {
    return { message: `${message} None of their series has a complete consensus yet; choose other test patients or finish their consensus.`, link: { route: '/adjudication', text: 'Open Adjudication' } };
  }
  return { message: `The dataset was not built: ${message}`, link: null };
}
