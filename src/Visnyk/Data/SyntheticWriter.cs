using System.Text;
using Visnyk.Articles;
using Visnyk.Departments;
using Visnyk.Media;
using Visnyk.Site;
using Visnyk.Tags;

namespace Visnyk.Data;

// Writes one article after another from the templates of SyntheticText; every choice comes from
// the one Random, in the same order, so a seed always gives the same articles.
sealed class SyntheticWriter
{
    static readonly DateTime FirstDay = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    static readonly DateTime LastDay = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    // Texts marked with '*' speak of the full-scale war and are kept out of earlier articles.
    public static readonly DateTime WarBegan = new(2022, 2, 24, 0, 0, 0, DateTimeKind.Utc);

    readonly Random random;
    readonly DateTime utcNow;
    readonly DateTime start;
    readonly int count;
    readonly List<Department> departments;
    readonly List<Image> images;
    readonly Tag[][] topicTags;
    readonly Tag[] extraTags;
    readonly Dictionary<string, Tag> placeTags;
    readonly List<string> sentences = new(32);

    public SyntheticWriter(Random random, DateTime utcNow, int count, List<Department> departments, Dictionary<string, Tag> tags, List<Image> images)
    {
        this.random = random;
        this.utcNow = utcNow;
        start = utcNow > FirstDay.AddYears(1) ? FirstDay : utcNow.AddYears(-7);
        this.count = count;
        this.departments = departments;
        this.images = images;
        topicTags = SyntheticText.Topics.Select(t => t.Tags.Select(n => tags[n]).ToArray()).ToArray();
        extraTags = SyntheticText.ExtraTags.Select(n => tags[n]).ToArray();
        placeTags = SyntheticText.Places.Where(p => p.Tagged).ToDictionary(p => p.Name, p => tags[p.Name]);
    }

    // The facts of the article being written, shared by its title, summary and body.
    SyntheticText.Place place = SyntheticText.Places[0];
    SyntheticText.Place place2 = SyntheticText.Places[1];
    int n, n2, big, money, yield, year;
    string date = "";
    bool war;

    public Article Article(int index)
    {
        var publishedAt = PublishedAt(index);
        war = publishedAt >= WarBegan;
        year = publishedAt.Year;
        int topicIndex;
        do
        {
            topicIndex = random.Next(SyntheticText.Topics.Length);
        }
        while (SyntheticText.Topics[topicIndex].From > publishedAt);
        var topic = SyntheticText.Topics[topicIndex];
        NewFacts();

        var title = Title(topic);
        var summary = Fill(Pick(topic.Summaries));
        if (random.NextDouble() < 0.4)
        {
            summary += " " + Fill(Pick(SyntheticText.Regional));
        }
        var article = new Article
        {
            Title = title,
            Slug = Transliteration.Slugify(title),
            Summary = summary,
            Body = Body(topic),
            Status = ArticleStatus.Published,
            PublishedAt = publishedAt,
            // A quarter were corrected later, within three days but never after now.
            UpdatedAt = random.NextDouble() < 0.25
                ? Earlier(publishedAt.AddMinutes(random.Next(5, 3 * 24 * 60)), utcNow)
                : publishedAt,
            Departments = Departments(topic),
            Tags = Tags(topicIndex),
        };
        if (random.NextDouble() < 0.85)
        {
            // Mostly the topic's own picture, so alt texts fit the news they illustrate.
            article.SetLead(random.NextDouble() < 0.8 ? images[topicIndex] : images[random.Next(images.Count)]);
        }
        if (random.NextDouble() < 0.15)
        {
            var order = Enumerable.Range(0, images.Count).ToArray();
            random.Shuffle(order);
            article.SetGallery(order.Take(random.Next(2, 5)).Select(i => (images[i], PhotoText.Keep)).ToList());
        }
        return article;
    }

    // Spread evenly from 2019 to now in the order written, at a working hour of a Kyiv day.
    DateTime PublishedAt(int index)
    {
        var end = utcNow < LastDay ? utcNow : LastDay;
        var day = start + (end - start) * ((index + random.NextDouble()) / count);
        var at = day.Date.AddMinutes(random.Next(5 * 60, 19 * 60));
        return at <= utcNow ? at : utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerMinute));
    }

    static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    void NewFacts()
    {
        place = PickPlace();
        do
        {
            place2 = PickPlace();
        }
        while (place2 == place);
        n = random.Next(2, 41);
        n2 = random.Next(2, 16);
        big = random.Next(12, 500) * 10; // a round number, so the noun after it is always genitive plural
        money = random.Next(12, 950);
        yield = random.Next(350, 650);
        date = $"до {random.Next(1, 29)} {SyntheticText.Months[random.Next(12)]}";
    }

    // The oblast centre and the largest city turn up far more often, as on the real site.
    SyntheticText.Place PickPlace()
    {
        var r = random.NextDouble();
        return r < 0.3 ? SyntheticText.Places[0]
            : r < 0.45 ? SyntheticText.Places[1]
            : SyntheticText.Places[random.Next(SyntheticText.Places.Length)];
    }

    string Title(SyntheticText.Topic topic)
    {
        for (var attempt = 0; ; attempt++)
        {
            var title = Fill(Pick(topic.Titles));
            if (title.Length is >= 40 and <= 140 || attempt == 20)
            {
                return title;
            }
        }
    }

    string Body(SyntheticText.Topic topic)
    {
        // The topic's own sentences first, then the regional ones, each in a fresh order.
        sentences.Clear();
        AddShuffled(topic.Sentences, int.MaxValue);
        // A few regional sentences are welcome, many make every article sound the same.
        AddShuffled(SyntheticText.Regional, 3);
        var next = 0;

        var paragraphs = random.Next(3, 8);
        var listAfter = random.NextDouble() < 0.35 ? random.Next(1, paragraphs - 1) : -1;
        var html = new StringBuilder(2048);
        var first = Fill(sentences[next++]);
        html.Append("<p>").Append(random.NextDouble() < 0.3 ? $"<strong>{first}</strong>" : first)
            .Append(' ').Append(Fill(sentences[next++])).Append("</p>\n");
        for (var p = 1; p < paragraphs - 1 && next < sentences.Count; p++)
        {
            html.Append("<p>");
            var take = Math.Min(random.Next(2, 4), sentences.Count - next);
            for (var s = 0; s < take; s++)
            {
                html.Append(s == 0 ? "" : " ").Append(Fill(sentences[next++]));
            }
            if (p == listAfter)
            {
                html.Append(' ').Append(Pick(SyntheticText.ListIntros)).Append("</p>\n<ul>");
                var items = topic.Items.Where(i => war || i[0] != '*').Select(i => i.TrimStart('*')).ToArray();
                random.Shuffle(items);
                var shown = Math.Min(items.Length, random.Next(3, 6));
                for (var i = 0; i < shown; i++)
                {
                    html.Append("<li>").Append(items[i]).Append(i == shown - 1 ? "." : ";").Append("</li>");
                }
                html.Append("</ul>\n");
            }
            else
            {
                html.Append("</p>\n");
            }
        }
        html.Append("<p>").Append(Fill(Pick(SyntheticText.Closings))).Append("</p>\n");
        return html.ToString();
    }

    void AddShuffled(string[] pool, int most)
    {
        var from = sentences.Count;
        foreach (var s in pool)
        {
            if (war || s[0] != '*')
            {
                sentences.Add(s.TrimStart('*'));
            }
        }
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sentences)[from..]);
        if (sentences.Count - from > most)
        {
            sentences.RemoveRange(from + most, sentences.Count - from - most);
        }
    }

    List<Department> Departments(SyntheticText.Topic topic)
    {
        var result = new List<Department>(2) { departments[topic.Departments[0]] };
        if (topic.Departments.Length > 1 && random.NextDouble() < 0.4)
        {
            result.Add(departments[topic.Departments[1]]);
        }
        else if (topic.Departments[0] != SyntheticText.Info && random.NextDouble() < 0.1)
        {
            result.Add(departments[SyntheticText.Info]);
        }
        return result;
    }

    List<Tag> Tags(int topicIndex)
    {
        var own = topicTags[topicIndex];
        var result = new List<Tag>(4) { own[random.Next(own.Length)] };
        if (random.NextDouble() < 0.5)
        {
            var second = own[random.Next(own.Length)];
            if (!result.Contains(second)) result.Add(second);
        }
        if (place.Tagged && random.NextDouble() < 0.7)
        {
            result.Add(placeTags[place.Name]);
        }
        if (random.NextDouble() < 0.25)
        {
            result.Add(extraTags[random.Next(extraTags.Length)]);
        }
        return result;
    }

    string Pick(string[] pool)
    {
        while (true)
        {
            var s = pool[random.Next(pool.Length)];
            if (s[0] != '*') return s;
            if (war) return s[1..];
        }
    }

    // Placeholders in braces; "{n|школа|школи|шкіл}" is a number with its noun in the right form.
    string Fill(string template)
    {
        var open = template.IndexOf('{');
        if (open < 0)
        {
            return template;
        }
        var text = new StringBuilder(template.Length + 64);
        var from = 0;
        while (open >= 0)
        {
            var close = template.IndexOf('}', open);
            text.Append(template, from, open - from).Append(Value(template[(open + 1)..close]));
            from = close + 1;
            open = template.IndexOf('{', from);
        }
        return text.Append(template, from, template.Length - from).ToString();
    }

    string Value(string token)
    {
        var forms = token.Split('|');
        if (forms.Length == 4)
        {
            var number = forms[0] == "n" ? n : n2;
            return $"{number} {SyntheticText.Plural(number, forms[1], forms[2], forms[3])}";
        }
        return token switch
        {
            "In" => char.ToUpperInvariant(place.In[0]) + place.In[1..],
            "in" => place.In,
            "in2" => place2.In,
            "hromada" => place.Hromada,
            "n" => n.ToString(),
            "n2" => n2.ToString(),
            "big" => big.ToString(),
            "money" => $"{money / 10},{money % 10}",
            "yield" => $"{yield / 10},{yield % 10}",
            "date" => date,
            "year" => year.ToString(),
            "adm" => war ? "ОВА" : "ОДА",
            "admGen" => war ? "обласної військової адміністрації" : "обласної державної адміністрації",
            "admFull" => war ? "Полтавська обласна військова адміністрація" : "Полтавська обласна державна адміністрація",
            _ => throw new InvalidOperationException($"Unknown placeholder {{{token}}}"),
        };
    }
}
