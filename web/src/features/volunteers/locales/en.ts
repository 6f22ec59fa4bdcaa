// The volunteer pages: English texts, the same keys as zh-CN.ts.
import type zhCN from './zh-CN';

const en: typeof zhCN = {
  menu: {
    volunteers: 'Volunteers',
  },
  volunteers: {
    title: 'Volunteers',
    search: 'Name or code',
    allStates: 'All states',
    state: { pending: 'Pending', confirmed: 'Confirmed', rejected: 'Rejected' },
    field: {
      code: 'Code',
      name: 'Name',
      phone: 'Phone',
      idNumber: 'ID number',
      unit: 'Community',
      teams: 'Teams',
      state: 'State',
      hours: 'Hours',
      stars: 'Stars',
      registeredAt: 'Registered at',
      skills: 'Skills',
      availability: 'Availability',
      source: 'Source',
      rejectedReason: 'Rejection reason',
    },
    confirm: 'Confirm',
    reject: 'Reject',
    rejectReason: 'Give the reason for rejecting',
    confirmed: 'Volunteer confirmed',
    rejected: 'Registration rejected',
    reveal: 'View',
    revealAudited: 'This view has been recorded in the audit log',
    detail: 'Volunteer',
    none: 'No volunteers',
    actions: 'Actions',
    certificate: {
      download: 'Download service certificate',
      code: 'Verification code',
      verify: 'Open the verification page',
    },
  },
  volunteerJoin: {
    frameTitle: 'Volunteer registration',
    title: 'Register as a volunteer',
    intro: 'Fill in the form to register; you can serve once your community confirms you.',
    unitCode: 'Community code',
    unitHint: "Scanning the community's QR code fills this in",
    skillsHint: 'Separate several with commas, e.g. first aid, photography',
    submit: 'Register',
    done: 'Registered; waiting for the community to confirm',
    yourCode: 'Your volunteer code',
    err: {
      name: 'Enter your name',
      phone: 'A phone number is 11 digits starting with 1',
      idNumber: 'An ID number is 18 characters with a valid check digit',
      unit: 'Enter your community',
    },
  },
};
export default en;
