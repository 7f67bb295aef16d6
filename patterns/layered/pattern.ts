import { definePattern } from '@journey/topology';

export default definePattern({
  slug: 'layered',
  sources: ['src'],
  structure: [{ unit: 'layers', foldersIn: 'src' }],
  rules: './architecture.rules.ts',
  exercise: {
    title: 'Authors moderate their comment sections',
    task: [
      "Today only a comment's author may delete it. Let the article's author delete any comment under their article too.",
      'In src/domain/comment.ts, replace OnlyTheAuthorMayDeleteTheComment with OnlyAnAuthorMayDeleteTheComment(comment, article, userId):',
      "  a Permission granted to the comment's author or the article's author, whose message names both.",
      'In src/application/comments.service.ts `remove`, keep the article you already look up and pass it to the new permission.',
      'Anyone else still gets Forbidden (403). Touch no route, presenter, repository or SQL: the layer rules must still hold.',
    ],
    tests: ['exercise/moderation.test.ts'],
    rules: true,
    hints: [
      'The rule is domain knowledge: it belongs in a Permission in domain/comment.ts, not in an `if` in a handler.',
      "comments.service.ts's articleId(slug) throws the article away after reading it: keep the article (its authorId) instead.",
      'authorize(permission) turns a refused Permission into Forbidden with its message; the message is what the 403 says.',
      'Run test/application.test.ts too: "someone other than its author deletes a comment" must still be Forbidden.',
    ],
    solution: 'exercise/solution.patch',
  },
});
