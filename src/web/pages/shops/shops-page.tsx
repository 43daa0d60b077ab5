import { Empty } from 'antd';

export default function ShopsPage() {
  return <Empty />;
}
