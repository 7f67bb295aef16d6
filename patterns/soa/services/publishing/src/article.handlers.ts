import {
  articleDraft,
  articleEdit,
  Forbidden,
  NotFound,
  needsNewSlug,
  slugify,
  withSuffix,
} from '@journey/conduit-rules';
import { insertArticle, popularTagNames, withFreeSlug } from '@journey/conduit-sql/articles';
import type { Article, Id, PublishingV1 } from '@journey/soa-contracts';
import {
  type ArticleRecord,
  articleById,
  articleBySlug,
  articlePage,
  articleRecord,
} from '@journey/soa-enterprise-data';
import { callContextOf, type EnterpriseData, requireViewer } from '@journey/soa-service-host';
import { type Handler, now } from './handler.js';

const ONLY_THE_AUTHOR = 'only the author may change this article';

/** Articles and tags: PublishingService's own business. */
export function articleHandlers(data: EnterpriseData) {
  /** The article a viewer may change: 404 before 403, as every pattern answers. */
  async function authored(slug: string, viewerId: Id): Promise<ArticleRecord> {
    const article = await articleRecord(data.db, slug);
    if (!article) throw new NotFound('article');
    if (article.authorId !== viewerId) throw new Forbidden(ONLY_THE_AUTHOR);
    return article;
  }

  /** The article as its writer sees it right after the write, or a 404 if it went meanwhile. */
  async function written(id: Id, viewerId: Id): Promise<{ article: Article }> {
    const article = await articleById(data.db, id, viewerId);
    if (!article) throw new NotFound('article');
    return { article };
  }

  const CreateArticle: Handler<PublishingV1['CreateArticle']> = async (input, context) => {
    const authorId = requireViewer(context);
    const draft = articleDraft({ ...input, tagList: input.tagList?.tag ?? [] });
    const id = await withFreeSlug(data.transaction, slugify(draft.title), withSuffix, (tx, slug) =>
      insertArticle(tx, { ...draft, slug, authorId, at: now() }),
    );
    return written(id, authorId);
  };

  const GetArticle: Handler<PublishingV1['GetArticle']> = async ({ slug }, context) => {
    const article = await articleBySlug(data.db, slug, callContextOf(context).viewerId);
    if (!article) throw new NotFound('article');
    return { article };
  };

  const ListArticles: Handler<PublishingV1['ListArticles']> = async ({ page, ...selection }, context) =>
    // The page is within the contract's bounds (limit 1..100, offset 0..10^9): the kit refuses any other.
    articlePage(data.db, selection, page, callContextOf(context).viewerId);

  const UpdateArticle: Handler<PublishingV1['UpdateArticle']> = async ({ slug, ...fields }, context) => {
    const viewerId = requireViewer(context);
    const current = await authored(slug, viewerId);
    const edit = articleEdit(fields);
    const update = (tx: EnterpriseData['db'], changes: typeof edit & { slug?: string }) =>
      tx
        .updateTable('articles')
        .set({ ...changes, updated_at: now() })
        .where('id', '=', current.id)
        .execute();
    if (needsNewSlug(edit, current.title)) {
      await withFreeSlug(data.transaction, slugify(edit.title), withSuffix, (tx, fresh) =>
        update(tx, { ...edit, slug: fresh }),
      );
    } else {
      await data.transaction((tx) => update(tx, edit));
    }
    return written(current.id, viewerId);
  };

  const DeleteArticle: Handler<PublishingV1['DeleteArticle']> = async ({ slug }, context) => {
    const current = await authored(slug, requireViewer(context));
    // pattern: shared data. Comments live in another group of tables with no foreign key to articles
    // (ADR 5), so they are deleted here, in the same transaction; tag links and favorites cascade with
    // the row. The row goes first: its lock makes a racing AddComment wait (see lockArticle).
    await data.transaction(async (tx) => {
      await tx.deleteFrom('articles').where('id', '=', current.id).execute();
      await tx.deleteFrom('comments').where('article_id', '=', current.id).execute();
    });
    return {};
  };

  const ListTags: Handler<PublishingV1['ListTags']> = async () => ({ tag: await popularTagNames(data.db) });

  return { CreateArticle, GetArticle, ListArticles, UpdateArticle, DeleteArticle, ListTags };
}
