// The material pages: English texts, with the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: { materials: 'Materials' },
  materials: {
    title: 'Material submissions and review',
    field: {
      id: 'No.',
      item: 'Item',
      unit: 'Unit',
      description: 'Description',
      state: 'State',
      grade: 'Grade',
      comment: 'Comment',
      reason: 'Reason',
      files: 'Files',
      submittedAt: 'Submitted',
      history: 'Grade history',
      events: 'History',
    },
    state: { draft: 'Draft', submitted: 'Awaiting grade', graded: 'Graded', returned: 'More needed' },
    action: {
      create: 'New submission',
      submit: 'Submit',
      resubmit: 'Resubmit',
      grade: 'Grade',
      return: 'Send back for more',
      save: 'Save',
      upload: 'Upload file',
      export: 'Export',
    },
    event: {
      create: 'Created',
      update: 'Edited',
      submit: 'Submitted',
      resubmit: 'Resubmitted',
      grade: 'Graded',
      regrade: 'Graded again',
      return: 'Sent back for more documents',
    },
    board: { title: 'Status board', missing: 'Not submitted' },
    returnedNote: 'The office asks for more: {reason}',
  },
};

export default en;
